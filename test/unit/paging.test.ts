import { pageWindow, paginate, serverSlice } from '../../src/plugins/client-portal/admin/src/utils/paging';

describe('paging lists', () => {
  it('slices pages and clamps a page a filter made disappear', () => {
    const many = Array.from({ length: 23 }, (_, index) => index + 1);
    expect(paginate(many, 1, 10)).toMatchObject({ page: 1, pageCount: 3, from: 1, to: 10, total: 23 });
    expect(paginate(many, 3, 10)).toMatchObject({ rows: [21, 22, 23], page: 3, from: 21, to: 23 });
    expect(paginate(many, 9, 10).page).toBe(3);
    expect(paginate(many, 0, 10).page).toBe(1);
    expect(paginate(many.slice(0, 10), 1, 10).pageCount).toBe(1);
    expect(paginate([], 2, 10)).toEqual({ rows: [], page: 1, pageCount: 1, from: 0, to: 0, total: 0 });
    expect(paginate(many, 2, 5).rows).toEqual([6, 7, 8, 9, 10]);
  });

  it('links to at most seven pages around the current one', () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 75)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pageWindow(40, 75)).toEqual([37, 38, 39, 40, 41, 42, 43]);
    expect(pageWindow(75, 75)).toEqual([69, 70, 71, 72, 73, 74, 75]);
    expect(pageWindow(1, 1)).toEqual([1]);
  });

  it('reads a page the server cut as the same slice', () => {
    const pagination = { page: 2, pageSize: 10, pageCount: 3, total: 23 };
    expect(serverSlice([11, 12, 13], pagination)).toEqual({
      rows: [11, 12, 13],
      page: 2,
      pageCount: 3,
      from: 11,
      to: 13,
      total: 23,
    });
    expect(serverSlice([], { page: 1, pageSize: 10, pageCount: 0, total: 0 })).toMatchObject({ from: 0, to: 0 });
  });
});
