export type Bucket = 'DAY' | 'WEEK';

const DAY_MS = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Every bucket's first day from `from` to `to`: days, or weeks from their Monday (as the API counts them). */
export function bucketStarts(from: string, to: string, bucket: Bucket): string[] {
  let at = dayMs(from);
  if (bucket === 'WEEK') at -= ((new Date(at).getUTCDay() + 6) % 7) * DAY_MS;
  const starts: string[] = [];
  for (let n = 0; at <= dayMs(to) && n < 400; at += (bucket === 'WEEK' ? 7 : 1) * DAY_MS, n++) starts.push(isoDay(at));
  return starts;
}
