import {
  Alert,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { PortalSettings } from '../../../shared/contracts';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Section } from '../components/Section';
import { useSaveSettings, useSeats, useSettings } from '../utils/api';
import { describeError } from '../utils/logic';
import { currencyOptions, parseSeatLimit, seatLimitWarning } from '../utils/settings-logic';
import { usePortalPermissions } from '../utils/permissions';
import { useLabel } from '../utils/use-label';

type Outcome = { ok: boolean; message: string; fields: Record<string, string> };

/** Settings (docs/admin-panel.md#settings): seat limit and defaults, checked here first and validated again by the server. */
export const SettingsPage = () => {
  const { label, locale } = useLabel();
  const settings = useSettings();
  const seats = useSeats();
  const save = useSaveSettings();
  // Settings are the Owner's (docs/roles-and-capabilities.md): others see them read-only.
  const { canManageSettings: editable } = usePortalPermissions();
  const [seatLimit, setSeatLimit] = useState('');
  const [currency, setCurrency] = useState('');
  const [approval, setApproval] = useState(false);
  const [seatError, setSeatError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, setPending] = useState<PortalSettings | null>(null);
  const currencies = useMemo(() => currencyOptions(locale, currency || null), [locale, currency]);

  useEffect(() => {
    if (!settings.data) return;
    setSeatLimit(settings.data.seatLimit === null ? '' : String(settings.data.seatLimit));
    setCurrency(settings.data.defaultCurrency);
    setApproval(settings.data.requireTimeApprovalByDefault);
  }, [settings.data]);

  if (settings.isLoading) return <Page.Loading />;
  if (settings.isError) return <Page.Error />;

  const store = async (change: PortalSettings) => {
    setPending(null);
    try {
      await save.mutateAsync(change);
      setOutcome({ ok: true, message: label('settings.saved', 'Settings saved'), fields: {} });
    } catch (error) {
      setOutcome({ ok: false, ...describeError(error) });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const limit = parseSeatLimit(seatLimit);
    if (!limit.ok) {
      setSeatError(
        label('settings.seatLimitInvalid', 'Enter a whole number of at least 1, or leave the field empty for no limit.')
      );
      setOutcome(null);
      return;
    }
    const change = { seatLimit: limit.value, defaultCurrency: currency, requireTimeApprovalByDefault: approval };
    const changedLimit = limit.value !== settings.data?.seatLimit;
    if (changedLimit && seatLimitWarning(limit.value, seats.data?.used)) setPending(change);
    else void store(change);
  };

  const warning = pending ? seatLimitWarning(pending.seatLimit, seats.data?.used) : null;
  const fieldError = (field: string) => outcome?.fields[field];

  return (
    <Section title={label('nav.settings', 'Settings')}>
      <form onSubmit={submit} aria-label={label('nav.settings', 'Settings')} noValidate>
        {outcome && (
          <Box marginBottom={4}>
            <Alert
              variant={outcome.ok ? 'success' : 'danger'}
              title={outcome.ok ? outcome.message : label('settings.notSaved', 'Settings not saved')}
              closeLabel={label('common.close', 'Close')}
            >
              {outcome.ok ? '' : outcome.message}
            </Alert>
          </Box>
        )}
        {!editable && (
          <Box marginBottom={4}>
            <Alert
              variant="default"
              title={label('settings.readOnly', 'Read only')}
              closeLabel={label('common.close', 'Close')}
            >
              {label('settings.ownersOnly', 'Only Owners change these settings.')}
            </Alert>
          </Box>
        )}
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root
            name="seatLimit"
            error={seatError ?? fieldError('seatLimit')}
            hint={label('settings.seatLimitHint', 'A whole number; empty means unlimited.')}
          >
            <Field.Label>{label('settings.seatLimit', 'Seat limit')}</Field.Label>
            <Field.Input
              disabled={!editable}
              inputMode="numeric"
              value={seatLimit}
              onChange={(event) => {
                setSeatLimit(event.target.value);
                setSeatError(null);
              }}
            />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
          {seats.data && (
            <Typography variant="pi" textColor="neutral600">
              {label('settings.seatsInUse', 'Seats in use now: {used}', { used: seats.data.used })}
            </Typography>
          )}
          <Field.Root name="defaultCurrency" error={fieldError('defaultCurrency')}>
            <Field.Label>{label('settings.currency', 'Default currency of new projects')}</Field.Label>
            <SingleSelect
              disabled={!editable}
              value={currency || undefined}
              onChange={(value) => setCurrency(String(value))}
            >
              {currencies.map((option) => (
                <SingleSelectOption key={option.value} value={option.value}>
                  {option.label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
          <Checkbox
            disabled={!editable}
            checked={approval}
            onCheckedChange={(checked) => setApproval(checked === true)}
          >
            {label('settings.approval', 'New projects require time approval')}
          </Checkbox>
          <Typography variant="pi" textColor="neutral600">
            {label('settings.note', 'Saved settings win over the environment (PORTAL_SEAT_LIMIT, PORTAL_CURRENCY).')}
          </Typography>
          <Box>
            <Button type="submit" loading={save.isLoading} disabled={!editable}>
              {label('settings.save', 'Save')}
            </Button>
          </Box>
        </Flex>
      </form>
      <ConfirmDialog
        open={pending !== null}
        title={label('settings.belowTitle', 'Seat limit below the seats in use')}
        body={
          warning
            ? label(
                'settings.belowBody',
                '{used, plural, one {# person holds a seat} other {# people hold seats}}; a limit of {limit} lets no one new in until {archive, plural, one {one of them is} other {# of them are}} archived. Save anyway?',
                warning
              )
            : ''
        }
        confirm={label('settings.saveAnyway', 'Save anyway')}
        onConfirm={() => pending && void store(pending)}
        onClose={() => setPending(null)}
      />
    </Section>
  );
};
