/** Which record system a record comes from (the subgraph that holds it) [P1, P2]. */
export function SourceBadge({ source }: { source: 'complaints-arrests' | 'calls' | 'warrants' | 'commercial' }) {
  return <span className={`badge badge-${source}`} aria-label={`source: ${source}`}>{source}</span>;
}
