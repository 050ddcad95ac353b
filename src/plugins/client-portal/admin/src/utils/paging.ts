/** Paging of lists: client-side for what the page already holds (people, budgets), and the pages the server cut. */

export interface PageSlice<T> {
  rows: T[];
  /** The page shown, clamped to 1…pageCount (a filter may shrink the list under the current page). */
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last row shown, 0 when empty. */
  from: number;
  to: number;
  total: number;
}

export const paginate = <T>(items: T[], page: number, pageSize: number): PageSlice<T> => {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const start = (current - 1) * pageSize;
  const rows = items.slice(start, start + pageSize);
  return {
    rows,
    page: current,
    pageCount,
    from: rows.length ? start + 1 : 0,
    to: start + rows.length,
    total: items.length,
  };
};

/** The page numbers a pager links to: at most `width` of them, around the current one. */
export const pageWindow = (page: number, pageCount: number, width = 7): number[] => {
  const size = Math.min(width, pageCount);
  const first = Math.min(Math.max(1, page - Math.floor(size / 2)), pageCount - size + 1);
  return Array.from({ length: size }, (_, index) => first + index);
};

/** A page the server cut (Strapi's `meta.pagination`), as the slice a pager shows. */
export const serverSlice = <T>(
  rows: T[],
  { page, pageSize, pageCount, total }: { page: number; pageSize: number; pageCount: number; total: number }
): PageSlice<T> => {
  const start = (page - 1) * pageSize;
  return { rows, page, pageCount, from: rows.length > 0 ? start + 1 : 0, to: start + rows.length, total };
};
