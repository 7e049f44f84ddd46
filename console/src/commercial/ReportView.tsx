/** A commercial answer as a table: one row per record the provider returned, nested parts in words. */
type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

const META = new Set(['provider', 'costCents', 'cached', '__typename']);

/** A nested value in one line: `1170 ROOSEVELT AVENUE, QUEENS, NY (current)`. */
function words(value: Value): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.length ? value.map(words).join('; ') : '—';
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== false)
      .map(([k, v]) => (v === true ? `(${k})` : words(v)))
      .join(', ');
  }
  return typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(2) : String(value);
}

const label = (key: string) => key.replace(/([A-Z])/g, ' $1').toLowerCase();

export function ReportView({ report, caption }: { report: Record<string, Value>; caption: string }) {
  const listKey = Object.keys(report).find((key) => Array.isArray(report[key]) && !META.has(key));
  const rows = (listKey ? (report[listKey] as Record<string, Value>[]) : [Object.fromEntries(Object.entries(report).filter(([k]) => !META.has(k)))]) ?? [];
  if (rows.length === 0) return <p>The provider holds nothing for this subject.</p>;
  const columns = Object.keys(rows[0]!);
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {label(column)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((column) => (
              <td key={column}>{words(row[column] ?? null)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
