import { cellsOf, mappingProblems, nextCursor, rowsOf, valueAt } from '../ColumnMapping';

const data = {
  arrests: {
    edges: [
      { node: { number: 'K1', person: { fullName: 'A B', warrants: [{ number: 'W1' }, { number: 'W2' }] }, charges: [{ lawCode: 'PL 160.10' }] } },
      { node: { number: 'K2', person: null, charges: [] } },
    ],
    pageInfo: { hasNextPage: true, endCursor: 'c2' },
  },
};

describe('a column mapping turns an answer into rows and cells', () => {
  it.each([
    ['a path of names', 'arrests.pageInfo.endCursor', 'c2'],
    ['a list item by number', 'arrests.edges.1.node.number', 'K2'],
    ['through a list: every item', 'arrests.edges.node.number', ['K1', 'K2']],
    ['through null: null', 'arrests.edges.1.node.person.fullName', null],
    ['a name the answer lacks: null', 'arrests.total', null],
  ])('valueAt: %s', (_rule, path, expected) => {
    expect(valueAt(data, path)).toEqual(expected);
  });

  it('rows are the list at the rows path; a single object is one row; null is none', () => {
    expect(rowsOf(data, { rows: 'arrests.edges' })).toHaveLength(2);
    expect(rowsOf({ person: { id: 'P1' } }, { rows: 'person' })).toEqual([{ id: 'P1' }]);
    expect(rowsOf({ person: null }, { rows: 'person' })).toEqual([]);
  });

  it('cells keep scalars, join lists with "; ", and leave missing values null', () => {
    const columns = [
      { name: 'arrest', path: 'node.number' },
      { name: 'warrants', path: 'node.person.warrants.number' },
      { name: 'person', path: 'node.person.fullName' },
    ];
    expect(rowsOf(data, { rows: 'arrests.edges' }).map((row) => cellsOf(row, columns))).toEqual([
      ['K1', 'W1; W2', 'A B'],
      ['K2', null, null],
    ]);
  });

  it('pages on while hasNextPage, and stops without a pageInfo path', () => {
    expect(nextCursor(data, { pageInfo: 'arrests.pageInfo' })).toBe('c2');
    expect(nextCursor({ arrests: { pageInfo: { hasNextPage: false, endCursor: 'c9' } } }, { pageInfo: 'arrests.pageInfo' })).toBeNull();
    expect(nextCursor(data, { pageInfo: null })).toBeNull();
  });

  it.each([
    ['a path with a bracket', { rows: 'a[0]', columns: [{ name: 'x', path: 'y' }] }, /rows path/],
    ['no column', { rows: 'a', columns: [] }, /at least one column/],
    ['a column name used twice', { rows: 'a', columns: [{ name: 'x', path: 'y' }, { name: 'x', path: 'z' }] }, /used twice/],
    ['an empty column path', { rows: 'a', columns: [{ name: 'x', path: '' }] }, /column "x"/],
  ])('refuses a mapping with %s', (_rule, mapping, problem) => {
    expect(mappingProblems(mapping).join('; ')).toMatch(problem);
  });
});
