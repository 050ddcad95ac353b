import { Flex, NextLink, PageLink, Pagination, PreviousLink, Typography } from '@strapi/design-system';
import type { PageSlice } from '../utils/paging';
import { pageWindow } from '../utils/paging';
import type { Message } from '../utils/translations';
import { useLabel } from '../utils/use-label';

interface Props {
  slice: PageSlice<unknown>;
  onPage: (page: number) => void;
  /** "1–10 of 23 people": the range in the list's own words (translation id and fallback, with `{from}`, `{to}`, `{total}`); none shown without. */
  range?: Message;
  /** The pager's accessible name, e.g. "Pages of people". */
  name: string;
  testId?: string;
}

/** The range shown and the design system's pagination, with links to at most seven pages around the current one. */
export const Pager = ({ slice, onPage, range, name, testId }: Props) => {
  const { label } = useLabel();
  return (
    <Flex justifyContent="space-between" alignItems="center" paddingTop={4}>
      <Typography variant="pi" textColor="neutral600" data-testid={testId}>
        {slice.total > 0 && range && label(...range, { from: slice.from, to: slice.to, total: slice.total })}
      </Typography>
      {slice.pageCount > 1 && (
        <Pagination activePage={slice.page} pageCount={slice.pageCount} label={name}>
          <PreviousLink tag="button" type="button" onClick={() => onPage(Math.max(1, slice.page - 1))}>
            {label('pager.previous', 'Previous page')}
          </PreviousLink>
          {pageWindow(slice.page, slice.pageCount).map((number) => (
            <PageLink key={number} number={number} tag="button" type="button" onClick={() => onPage(number)}>
              {label('pager.page', 'Page {number}', { number })}
            </PageLink>
          ))}
          <NextLink tag="button" type="button" onClick={() => onPage(Math.min(slice.pageCount, slice.page + 1))}>
            {label('pager.next', 'Next page')}
          </NextLink>
        </Pagination>
      )}
    </Flex>
  );
};
