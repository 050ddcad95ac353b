import type { Schema, Struct } from '@strapi/strapi';

export interface EstimateLine extends Struct.ComponentSchema {
  collectionName: 'components_estimate_lines';
  info: {
    description: 'One line of an estimate: quantity \u00D7 unit price; the server counts the amount.';
    displayName: 'Estimate line';
  };
  attributes: {
    amountCents: Schema.Attribute.Integer &
      Schema.Attribute.CustomField<'plugin::client-portal.money'> &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      > &
      Schema.Attribute.DefaultTo<0>;
    description: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
        minLength: 1;
      }>;
    quantity: Schema.Attribute.Decimal &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    unit: Schema.Attribute.Enumeration<['hour', 'day', 'item']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'hour'>;
    unitPriceCents: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.CustomField<'plugin::client-portal.money'> &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
  };
}

export interface InvoiceLine extends Struct.ComponentSchema {
  collectionName: 'components_invoice_lines';
  info: {
    description: "One line of an invoice: a task's time, a single entry, or an expense.";
    displayName: 'Invoice line';
  };
  attributes: {
    amountCents: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.CustomField<'plugin::client-portal.money'> &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    description: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
        minLength: 1;
      }>;
    expense: Schema.Attribute.Relation<'oneToOne', 'api::expense.expense'>;
    quantity: Schema.Attribute.Decimal &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    timeEntry: Schema.Attribute.Relation<'oneToOne', 'api::time-entry.time-entry'>;
    unit: Schema.Attribute.Enumeration<['hour', 'item']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'hour'>;
    unitPriceCents: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.CustomField<'plugin::client-portal.money'> &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'estimate.line': EstimateLine;
      'invoice.line': InvoiceLine;
    }
  }
}
