import { Alert, Box, Button, Checkbox, Field, Flex, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useEffect, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Section } from '../components/Section';
import { useSaveSettings, useSettings } from '../utils/api';
import { describeError } from '../utils/logic';
import { getTranslation } from '../utils/translations';

/** SPEC §9 settings: seat limit and defaults, stored in the plugin store and validated by the server. */
export const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const settings = useSettings();
  const save = useSaveSettings();
  const [seatLimit, setSeatLimit] = useState('');
  const [currency, setCurrency] = useState('');
  const [approval, setApproval] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; fields: Record<string, string> } | null>(null);
  const label = (id: string, fallback: string) => formatMessage({ id: getTranslation(id), defaultMessage: fallback });

  useEffect(() => {
    if (!settings.data) return;
    setSeatLimit(settings.data.seatLimit === null ? '' : String(settings.data.seatLimit));
    setCurrency(settings.data.defaultCurrency);
    setApproval(settings.data.requireTimeApprovalByDefault);
  }, [settings.data]);

  if (settings.isLoading) return <Page.Loading />;
  if (settings.isError) return <Page.Error />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await save.mutateAsync({
        seatLimit: seatLimit.trim() === '' ? null : Number(seatLimit),
        defaultCurrency: currency.trim().toUpperCase(),
        requireTimeApprovalByDefault: approval,
      });
      setOutcome({ ok: true, message: label('settings.saved', 'Settings saved'), fields: {} });
    } catch (error) {
      setOutcome({ ok: false, ...describeError(error) });
    }
  };

  return (
    <Section title={label('nav.settings', 'Settings')}>
      <form onSubmit={submit} aria-label="Settings">
        {outcome && (
          <Box marginBottom={4}>
            <Alert variant={outcome.ok ? 'success' : 'danger'} title={outcome.message} closeLabel="Close">
              {outcome.ok ? '' : Object.values(outcome.fields).join(' ')}
            </Alert>
          </Box>
        )}
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root
            name="seatLimit"
            error={outcome?.fields.seatLimit}
            hint={label('settings.seatLimitHint', 'Empty means unlimited.')}
          >
            <Field.Label>{label('settings.seatLimit', 'Seat limit')}</Field.Label>
            <Field.Input inputMode="numeric" value={seatLimit} onChange={(event) => setSeatLimit(event.target.value)} />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
          <Field.Root name="defaultCurrency" error={outcome?.fields.defaultCurrency}>
            <Field.Label>{label('settings.currency', 'Default currency of new projects')}</Field.Label>
            <Field.Input value={currency} onChange={(event) => setCurrency(event.target.value)} />
            <Field.Error />
          </Field.Root>
          <Checkbox checked={approval} onCheckedChange={(checked) => setApproval(checked === true)}>
            {label('settings.approval', 'New projects require time approval')}
          </Checkbox>
          <Typography variant="pi" textColor="neutral600">
            {label('settings.note', 'Saved settings win over the environment (PORTAL_SEAT_LIMIT, PORTAL_CURRENCY).')}
          </Typography>
          <Box>
            <Button type="submit" loading={save.isLoading}>
              {label('settings.save', 'Save')}
            </Button>
          </Box>
        </Flex>
      </form>
    </Section>
  );
};
