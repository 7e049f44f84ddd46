import { Withheld } from '../person/Withheld';
import type { ResultTable } from './resultTable';

/**
 * A run's rows under the saved query's column mapping, as the export file holds them; a field
 * the policy withheld from the runner reads "withheld: <reason>" as on the person page.
 */
export function ResultView({ table, more }: { table: ResultTable; more: boolean }) {
  if (table.withheld !== undefined) {
    return (
      <p role="alert" className="refusal">
        <Withheld reason={table.withheld}>{null}</Withheld>
      </p>
    );
  }
  const withheldCells = table.rows.flat().filter((cell) => 'withheld' in cell).length;
  return (
    <>
      <p role="status" data-testid="run-summary">
        {table.rows.length} {table.rows.length === 1 ? 'row' : 'rows'}
        {withheldCells ? `; ${withheldCells} ${withheldCells === 1 ? 'value' : 'values'} withheld for your role and purpose` : '; nothing withheld for your role and purpose'}.
        {more ? ' More rows follow on later pages: an export fetches every page.' : ''}
      </p>
      <div className="scroll" tabIndex={0} role="region" aria-label="Results">
        <table>
          <caption>Rows of this run, by the saved query’s columns</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>
                    <Withheld reason={'withheld' in cell ? cell.withheld : undefined}>{'value' in cell ? (cell.value === null ? '—' : String(cell.value)) : null}</Withheld>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
