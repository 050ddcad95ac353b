import type { Core } from '@strapi/strapi';
import { applyContentManagerViews } from '../../src/plugins/client-portal/server/src/content-manager/apply';
import { CONTENT_TYPE_VIEWS } from '../../src/plugins/client-portal/server/src/content-manager/configuration';

type Config = Record<string, any>;
const INVOICE = 'api::invoice.invoice';
const invoiceModel = {
  uid: INVOICE,
  attributes: {
    number: { type: 'string' },
    company: { type: 'relation', relation: 'manyToOne', targetModel: 'api::company.company' },
    state: { type: 'enumeration' },
    issuedOn: { type: 'date' },
    dueOn: { type: 'date' },
    taxRateBasisPoints: { type: 'integer' },
    totalCents: { type: 'integer', customField: 'plugin::client-portal.money' },
    createdAt: { type: 'datetime' },
    createdBy: { type: 'relation', relation: 'oneToOne', targetModel: 'admin::user' },
  },
};

/** The Content Manager's configuration services and the core store, in memory. */
const fakeStrapi = () => {
  const configurations: Record<string, Config> = {
    [INVOICE]: {
      settings: { mainField: 'number', defaultSortBy: 'number', defaultSortOrder: 'ASC', pageSize: 10 },
      metadatas: Object.fromEntries(
        Object.keys(invoiceModel.attributes).map((name) => [name, { edit: { label: name }, list: { label: name } }])
      ),
      layouts: { list: ['number', 'company', 'state', 'issuedOn'], edit: [[{ name: 'number', size: 6 }]] },
    },
  };
  let stored: unknown = null;
  let writes = 0;
  const service = {
    findContentType: (uid: string) => (uid === INVOICE ? invoiceModel : undefined),
    findComponent: () => undefined,
    findConfiguration: async (model: { uid: string }) => structuredClone(configurations[model.uid]),
    updateConfiguration: async (model: { uid: string }, configuration: Config) => {
      writes += 1;
      configurations[model.uid] = structuredClone(configuration);
    },
  };
  const strapi = {
    plugin: () => ({ service: () => service }),
    store: () => ({ get: async () => stored, set: async ({ value }: { value: unknown }) => (stored = value) }),
  } as unknown as Core.Strapi;
  return { strapi, configurations, writes: () => writes };
};

describe('the Content Manager views the plugin ships', () => {
  it('writes columns, sort, labels and relation main fields, then nothing more on the next boot', async () => {
    const { strapi, configurations, writes } = fakeStrapi();
    await applyContentManagerViews(strapi);
    const invoice = configurations[INVOICE];
    expect(invoice.layouts.list).toEqual(['number', 'company', 'state', 'issuedOn', 'dueOn', 'totalCents']);
    expect(invoice.layouts.edit).toEqual([[{ name: 'number', size: 6 }]]);
    expect(invoice.settings).toMatchObject({ mainField: 'number', defaultSortBy: 'createdAt', pageSize: 10 });
    expect(invoice.metadatas.totalCents).toEqual({ edit: { label: 'Total' }, list: { label: 'Total' } });
    expect(invoice.metadatas.issuedOn.list.label).toBe('Issued on');
    expect(invoice.metadatas.company.edit).toMatchObject({ label: 'Company', mainField: 'name' });
    expect(invoice.metadatas.taxRateBasisPoints.edit.description).toMatch(/basis points/);
    expect(invoice.metadatas.createdBy).toEqual({ edit: { label: 'createdBy' }, list: { label: 'createdBy' } });
    expect(writes()).toBe(1);
    await applyContentManagerViews(strapi);
    expect(writes()).toBe(1);
  });

  it('keeps what an admin changed, and still ships what they did not', async () => {
    const { strapi, configurations } = fakeStrapi();
    await applyContentManagerViews(strapi);
    configurations[INVOICE].metadatas.totalCents.list.label = 'Grand total';
    configurations[INVOICE].layouts.list = ['number', 'totalCents'];
    const shipped = CONTENT_TYPE_VIEWS[INVOICE];
    const original = shipped.labels;
    try {
      shipped.labels = { ...original, totalCents: 'Invoice total', dueOn: 'Payable by' };
      await applyContentManagerViews(strapi);
    } finally {
      shipped.labels = original;
    }
    const invoice = configurations[INVOICE];
    expect(invoice.metadatas.totalCents).toEqual({ edit: { label: 'Invoice total' }, list: { label: 'Grand total' } });
    expect(invoice.layouts.list).toEqual(['number', 'totalCents']);
    expect(invoice.metadatas.dueOn.list.label).toBe('Payable by');
  });
});
