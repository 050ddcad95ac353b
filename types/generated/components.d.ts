import type { Schema, Struct } from '@strapi/strapi';

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

export interface InvoiceRecurringLine extends Struct.ComponentSchema {
  collectionName: 'components_invoice_recurring_lines';
  info: {
    description: "A line copied onto each period's invoice: a fixed fee, a retainer, a licence.";
    displayName: 'Recurring invoice line';
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
    quantity: Schema.Attribute.Decimal &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    unit: Schema.Attribute.Enumeration<['hour', 'item']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'item'>;
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
      'invoice.line': InvoiceLine;
      'invoice.recurring-line': InvoiceRecurringLine;
    }
  }
}
