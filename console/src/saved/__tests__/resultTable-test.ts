import { resultTable } from '../resultTable';

const mapping = {
  rows: 'arrests.edges',
  columns: [
    { name: 'arrest', path: 'node.number' },
    { name: 'person', path: 'node.person.fullName' },
    { name: 'placeOfBirth', path: 'node.person.placeOfBirth' },
    { name: 'warrants', path: 'node.person.warrants.number' },
  ],
};
const withheld = (path: (string | number)[], message = 'not authorized: no role of yours may see IMMIGRATION_STATUS data') => ({
  message, path, extensions: { code: 'FIELD_NOT_AUTHORIZED' },
});

/** [P5] policy applies to the runner: a field removed for them reads "withheld: <reason>" in its cell, never a blank. */
describe('resultTable: a run’s answer as the rows the export writes, withheld fields with their reasons', () => {
  const data = {
    arrests: {
      edges: [
        { node: { number: 'A1', person: { fullName: 'ANA RUIZ', placeOfBirth: null, warrants: [{ number: 'W1' }, { number: 'W2' }] } } },
        { node: { number: 'A2', person: { fullName: 'BO LEE', placeOfBirth: null, warrants: null } } },
        { node: { number: 'A3', person: null } },
      ],
    },
  };

  it('shows each withheld cell with its reason, and the others as the export writes them (lists joined)', () => {
    const table = resultTable(data, [
      withheld(['arrests', 'edges', 0, 'node', 'person', 'placeOfBirth']),
      withheld(['arrests', 'edges', 1, 'node', 'person', 'placeOfBirth']),
      withheld(['arrests', 'edges', 1, 'node', 'person', 'warrants'], 'not authorized: training required first: ERMS-OUTSIDE-AGENCY-RECORDS'),
    ], mapping);
    expect(table.columns).toEqual(['arrest', 'person', 'placeOfBirth', 'warrants']);
    expect(table.withheld).toBeUndefined();
    expect(table.rows).toEqual([
      [{ value: 'A1' }, { value: 'ANA RUIZ' }, { withheld: 'no role of yours may see IMMIGRATION_STATUS data' }, { value: 'W1; W2' }],
      [{ value: 'A2' }, { value: 'BO LEE' }, { withheld: 'no role of yours may see IMMIGRATION_STATUS data' }, { withheld: 'training required first: ERMS-OUTSIDE-AGENCY-RECORDS' }],
      // A null with no error is "nothing on file", not withheld.
      [{ value: 'A3' }, { value: null }, { value: null }, { value: null }],
    ]);
  });

  it('a removed non-null field nulls its parent: the cells under that parent say why', () => {
    const table = resultTable({ arrests: { edges: [{ node: { number: 'A1', person: null } }] } }, [withheld(['arrests', 'edges', 0, 'node', 'person', 'fullName'], 'not authorized: x')], mapping);
    expect(table.rows[0]).toEqual([{ value: 'A1' }, { withheld: 'x' }, { withheld: 'x' }, { withheld: 'x' }]);
  });

  it('rows withheld as a whole give no rows and the reason, not an empty result', () => {
    const table = resultTable({ arrests: null }, [withheld(['arrests'], 'not authorized: training required first: ERMS-INTERNAL-RECORDS')], mapping);
    expect(table).toEqual({ columns: ['arrest', 'person', 'placeOfBirth', 'warrants'], rows: [], withheld: 'training required first: ERMS-INTERNAL-RECORDS' });
  });

  it('other errors are not withheld fields, and the answer it was given is not changed', () => {
    const table = resultTable(data, [{ message: 'boom', path: ['arrests', 'edges', 0, 'node', 'number'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }], mapping);
    expect(table.rows[0]![0]).toEqual({ value: 'A1' });
    expect(data.arrests.edges[0]!.node.person!.placeOfBirth).toBeNull();
  });
});
