/** The span of the synthetic records: every source is numbered and dated within it. */
export const FIRST_RECORD_YEAR = 2019;
export const RECORD_YEARS = 8;
/** The newest record of any source. */
export const RECORDS_END = '2026-11-20T23:59:59.999Z';
/** The day the records describe: dispositions, closures and sealing are as of this day. */
export const RECORDS_AS_OF = '2026-11-25';
