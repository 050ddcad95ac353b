import { MONEY_FIELD_UID } from '../../../../shared/contracts';
import { MoneyCell } from './MoneyCell';

/** The Content Manager's list view hook (`Admin/CM/pages/ListView/inject-column-in-table`). */
export const INJECT_COLUMN_IN_TABLE = 'Admin/CM/pages/ListView/inject-column-in-table';

interface Header {
  name: string;
  attribute?: { customField?: string };
  cellFormatter?: unknown;
}

/** Money columns show "€630.00" in the row's currency, not "63,000". */
export const formatMoneyColumns = <T extends { displayedHeaders: Header[] }>(args: T): T => ({
  ...args,
  displayedHeaders: args.displayedHeaders.map((header) =>
    header.attribute?.customField === MONEY_FIELD_UID && !header.cellFormatter
      ? {
          ...header,
          cellFormatter: (row: Record<string, unknown>) => (
            <MoneyCell value={row[header.name.split('.')[0]]} currency={row.currency} />
          ),
        }
      : header
  ),
});
