import { colourOf } from './palette';

export interface Series {
  name: string;
  /** One value per column, in the order of `columns`. */
  values: number[];
}

const WIDTH = 640;
const HEIGHT = 200;
const AXIS = 28;

/**
 * Counts over time as stacked columns, drawn as plain SVG (presentation attributes only: the
 * page's policy allows no inline style). The picture is `role="img"` with its figures in its
 * name, and the same numbers follow in a table for anyone who reads rather than looks.
 */
export function StackedColumns({ id, title, columns, series, unit }: { id: string; title: string; columns: string[]; series: Series[]; unit: string }) {
  const totals = columns.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (WIDTH - AXIS) / Math.max(1, columns.length);
  const barWidth = Math.max(2, step * 0.7);
  const scale = (HEIGHT - 20) / max;
  const labelEvery = Math.ceil(columns.length / 10);
  const summary = `${title}: ${series.map((s) => `${s.name} ${s.values.reduce((a, b) => a + b, 0)}`).join(', ') || `no ${unit}`}`;
  return (
    <figure aria-labelledby={`${id}-title`} className="chart">
      <h2 id={`${id}-title`}>{title}</h2>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 24}`} role="img" aria-label={summary} className="chart-picture">
        <line x1={AXIS} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} stroke="#555" />
        <text x={0} y={14} fontSize={11} fill="#333">
          {max}
        </text>
        <text x={0} y={HEIGHT} fontSize={11} fill="#333">
          0
        </text>
        {columns.map((column, i) => {
          let y = HEIGHT;
          return (
            <g key={column}>
              {series.map((s, k) => {
                const h = (s.values[i] ?? 0) * scale;
                y -= h;
                return h > 0 ? <rect key={s.name} x={AXIS + i * step + (step - barWidth) / 2} y={y} width={barWidth} height={h} fill={colourOf(k)} /> : null;
              })}
              {i % labelEvery === 0 && (
                <text x={AXIS + i * step + step / 2} y={HEIGHT + 16} fontSize={10} textAnchor="middle" fill="#333">
                  {column.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend names={series.map((s) => s.name)} />
      <table aria-labelledby={`${id}-title`} data-chart={id}>
        <thead>
          <tr>
            <th scope="col">From</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
            <th scope="col">All</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column, i) =>
            totals[i] === 0 ? null : (
              <tr key={column} data-column={column}>
                <th scope="row">{column}</th>
                {series.map((s) => (
                  <td key={s.name} data-series={s.name}>
                    {s.values[i] ?? 0}
                  </td>
                ))}
                <td data-series="all">{totals[i]}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </figure>
  );
}

export function Legend({ names }: { names: string[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {names.map((name, k) => (
        <li key={name}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={colourOf(k)} />
          </svg>{' '}
          {name}
        </li>
      ))}
    </ul>
  );
}
