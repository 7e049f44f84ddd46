import { colourOf } from './palette';

export interface Bar {
  label: string;
  value: number;
  /** A limit to compare against (a budget), drawn as a mark across the bar; null: none. */
  limit?: number | null;
}

const WIDTH = 640;
const LABEL = 230;
const ROW = 26;

/**
 * Values side by side as horizontal bars, plain SVG; a limit, when there is one, is a dark mark
 * at its place. `role="img"` names every figure, and the table below repeats them.
 */
export function HorizontalBars({ id, title, bars, columns, format = String }: { id: string; title: string; bars: Bar[]; columns: [string, string] | [string, string, string]; format?: (n: number) => string }) {
  const max = Math.max(1, ...bars.flatMap((b) => [b.value, b.limit ?? 0]));
  const scale = (WIDTH - LABEL - 70) / max;
  const withLimit = columns.length === 3;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${format(b.value)}${withLimit ? ` of ${b.limit == null ? 'no limit' : format(b.limit)}` : ''}`).join(', ') || 'none'}`;
  return (
    <figure aria-labelledby={`${id}-title`} className="chart">
      <h2 id={`${id}-title`}>{title}</h2>
      {bars.length === 0 ? (
        <p>None in this period.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${bars.length * ROW + 8}`} role="img" aria-label={summary} className="chart-picture">
          {bars.map((bar, i) => (
            <g key={bar.label}>
              <text x={LABEL - 6} y={i * ROW + 17} fontSize={11} textAnchor="end" fill="#333">
                {bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label}
              </text>
              <rect x={LABEL} y={i * ROW + 5} width={Math.max(1, bar.value * scale)} height={16} fill={bar.limit != null && bar.value > bar.limit ? '#b71c1c' : colourOf(0)} />
              {bar.limit != null && <rect x={LABEL + bar.limit * scale - 1} y={i * ROW + 1} width={3} height={24} fill="#1a1a1a" />}
              <text x={LABEL + Math.max(bar.value, bar.limit ?? 0) * scale + 6} y={i * ROW + 17} fontSize={11} fill="#333">
                {format(bar.value)}
              </text>
            </g>
          ))}
        </svg>
      )}
      {bars.length > 0 && (
        <table aria-labelledby={`${id}-title`} data-chart={id}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label} data-row={bar.label}>
                <th scope="row">{bar.label}</th>
                <td data-value="value">{format(bar.value)}</td>
                {withLimit && <td data-value="limit">{bar.limit == null ? 'no budget' : format(bar.limit)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
