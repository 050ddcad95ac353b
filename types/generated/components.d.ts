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
    service: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
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

export interface ProjectTemplateBudget extends Struct.ComponentSchema {
  collectionName: 'components_project_template_budgets';
  info: {
    description: "A budget every project made from the template starts with; without a currency it takes the project's.";
    displayName: 'Template budget';
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
    clientAccess: Schema.Attribute.Boolean & Schema.Attribute.Required & Schema.Attribute.DefaultTo<false>;
    currency: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 3;
        minLength: 3;
      }>;
    kind: Schema.Attribute.Enumeration<['fixed', 'time-and-materials', 'retainer']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'fixed'>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
        minLength: 1;
      }>;
  };
}

export interface ProjectTemplateDiscussion extends Struct.ComponentSchema {
  collectionName: 'components_project_template_discussions';
  info: {
    description: 'A discussion opened in every project made from the template.';
    displayName: 'Template discussion';
  };
  attributes: {
    body: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 50000;
      }>;
    hiddenFromClients: Schema.Attribute.Boolean & Schema.Attribute.Required & Schema.Attribute.DefaultTo<false>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
        minLength: 1;
      }>;
  };
}

export interface ProjectTemplateTask extends Struct.ComponentSchema {
  collectionName: 'components_project_template_tasks';
  info: {
    description: 'A task every project made from the template starts with; due N days after the project starts.';
    displayName: 'Template task';
  };
  attributes: {
    description: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 50000;
      }>;
    dueAfterDays: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 3650;
          min: 0;
        },
        number
      >;
    estimateMinutes: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 1000000;
          min: 0;
        },
        number
      >;
    hiddenFromClients: Schema.Attribute.Boolean & Schema.Attribute.Required & Schema.Attribute.DefaultTo<false>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
        minLength: 1;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'estimate.line': EstimateLine;
      'invoice.line': InvoiceLine;
      'invoice.recurring-line': InvoiceRecurringLine;
      'project-template.budget': ProjectTemplateBudget;
      'project-template.discussion': ProjectTemplateDiscussion;
      'project-template.task': ProjectTemplateTask;
    }
  }
}
