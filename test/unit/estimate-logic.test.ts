import {
  estimateActions,
  estimateListQuery,
  estimatePayload,
  estimateTotals,
  fromTemplatePayload,
  lineAmount,
  parseQuantity,
  templatePayload,
} from '../../src/plugins/client-portal/admin/src/utils/estimate-logic';

describe('estimate and template forms (admin)', () => {
  it('offers send, convert and delete only in the states that allow them', () => {
    expect(estimateActions('draft', false)).toEqual({ edit: true, send: true, convert: false, delete: true });
    expect(estimateActions('sent', false)).toEqual({ edit: false, send: true, convert: false, delete: false });
    expect(estimateActions('accepted', false)).toEqual({ edit: false, send: false, convert: true, delete: false });
    expect(estimateActions('accepted', true).convert).toBe(false);
    expect(estimateActions('declined', false)).toEqual({ edit: false, send: false, convert: false, delete: false });
  });

  it('counts line amounts and totals half up, like the server', () => {
    expect(parseQuantity('1,5')).toBe(1.5);
    expect(parseQuantity('-1')).toBeNull();
    expect(parseQuantity('1.234')).toBeNull();
    expect(lineAmount(1.5, 333)).toBe(500); // 499.5 → 500
    expect(lineAmount(0.1, 5)).toBe(1); // 0.5 → 1, despite binary floats
    expect(lineAmount(3, 1999)).toBe(5997);
    expect(estimateTotals([5997, 500], 1900)).toEqual({ subtotalCents: 6497, taxCents: 1234, totalCents: 7731 });
  });

  it('builds the create body in minor units, or names every wrong field', () => {
    const form = {
      company: 'c1',
      title: ' Website ',
      validUntil: '2026-12-31',
      taxRate: '19',
      note: '',
      lines: [{ description: 'Design', quantity: '2', unit: 'hour', unitPrice: '95.50' }],
    };
    expect(estimatePayload(form, 'EUR', 'en')).toEqual({
      ok: true,
      body: {
        data: {
          company: 'c1',
          title: 'Website',
          validUntil: '2026-12-31',
          note: null,
          currency: 'EUR',
          taxRateBasisPoints: 1900,
          lines: [{ description: 'Design', quantity: 2, unit: 'hour', unitPriceCents: 9550, amountCents: 19100 }],
        },
      },
    });
    expect(
      estimatePayload(
        {
          ...form,
          company: '',
          title: ' ',
          taxRate: '120',
          lines: [{ ...form.lines[0], quantity: 'x', unitPrice: 'y' }],
        },
        'EUR',
        'en'
      )
    ).toEqual({
      ok: false,
      errors: {
        company: 'required',
        title: 'required',
        taxRate: 'rate',
        'lines.0.quantity': 'quantity',
        'lines.0.unitPrice': 'amount',
      },
    });
    expect(estimatePayload({ ...form, lines: [] }, 'EUR', 'en')).toEqual({ ok: false, errors: { lines: 'required' } });
  });

  it('lists estimates newest first, filtered and paged', () => {
    expect(decodeURIComponent(estimateListQuery({ state: 'sent', page: 2, pageSize: 10 }))).toBe(
      '/estimates?sort=createdAt:desc&populate[company][fields][0]=name&populate[project][fields][0]=name&pagination[page]=2&pagination[pageSize]=10&filters[state][$eq]=sent'
    );
  });

  it('builds template and from-template bodies, or names the wrong fields', () => {
    expect(
      templatePayload({
        name: 'Website',
        description: '',
        tasks: [{ title: 'Kick-off', estimateMinutes: '90', dueAfterDays: '3', hiddenFromClients: true }],
      })
    ).toEqual({
      ok: true,
      body: {
        data: {
          name: 'Website',
          description: null,
          tasks: [{ title: 'Kick-off', estimateMinutes: 90, dueAfterDays: 3, hiddenFromClients: true }],
        },
      },
    });
    expect(
      templatePayload({
        name: '',
        description: '',
        tasks: [{ title: '', estimateMinutes: '1.5', dueAfterDays: '-2', hiddenFromClients: false }],
      })
    ).toEqual({
      ok: false,
      errors: {
        name: 'required',
        'tasks.0.title': 'required',
        'tasks.0.estimateMinutes': 'whole',
        'tasks.0.dueAfterDays': 'whole',
      },
    });
    expect(fromTemplatePayload({ template: 't', name: ' P ', company: 'c', startsOn: '2026-12-07' })).toEqual({
      ok: true,
      body: { template: 't', name: 'P', company: 'c', startsOn: '2026-12-07' },
    });
    expect(fromTemplatePayload({ template: '', name: '', company: '', startsOn: 'x' })).toEqual({
      ok: false,
      errors: { template: 'required', name: 'required', company: 'required', startsOn: 'date' },
    });
  });
});
