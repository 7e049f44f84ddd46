import { bucketStarts } from '../bucketStarts';

/** The charts' columns are the buckets auditUsage counts in: days, or weeks named by their Monday (UTC). */
describe('bucketStarts', () => {
  it.each([
    ['a day bucket is every day of the range, both ends included', '2026-11-29', '2026-12-02', 'DAY', ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']],
    ['a week bucket starts on the Monday of the first day, as PostgreSQL’s date_trunc', '2026-11-20', '2026-12-03', 'WEEK', ['2026-11-16', '2026-11-23', '2026-11-30']],
    ['a range starting on a Monday starts its first week there', '2026-11-30', '2026-12-06', 'WEEK', ['2026-11-30']],
    ['a Sunday belongs to the week of the Monday before it', '2026-11-01', '2026-11-01', 'WEEK', ['2026-10-26']],
    ['a range that ends before it starts has no buckets', '2026-12-02', '2026-12-01', 'DAY', []],
  ] as const)('%s', (_rule, from, to, bucket, starts) => {
    expect(bucketStarts(from, to, bucket)).toEqual(starts);
  });
});
