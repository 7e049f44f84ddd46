/** The first records an answer released, the rest one keypress away (an answer may release dozens). */
export function RecordsReleased({ records }: { records: { type: string; id: string }[] }) {
  const names = records.map((r) => `${r.type} ${r.id}`);
  if (names.length === 0) return <>—</>;
  if (names.length <= 3) return <>{names.join(', ')}</>;
  return (
    <details>
      <summary>
        {names.slice(0, 2).join(', ')} and {names.length - 2} more
      </summary>
      {names.slice(2).join(', ')}
    </details>
  );
}
