/**
 * Sizes of the fault suites' load: short by default (each suite well under 30 s), longer and
 * heavier with FAULTS_LONG=1 (more connections, more answers, repeated faults).
 */
export const FAULTS_LONG = process.env.FAULTS_LONG === '1';

export const faultLoad = FAULTS_LONG
  ? { concurrency: 16, answersBeforeFault: 300, answersDuringFault: 500, cycles: 3, timeoutMs: 300_000, testTimeoutMs: 900_000 }
  : { concurrency: 4, answersBeforeFault: 10, answersDuringFault: 20, cycles: 1, timeoutMs: 60_000, testTimeoutMs: 120_000 };

/** Text a client must never see in an error: hosts, ports, socket and driver internals. */
export const INTERNALS = /ECONN|EPIPE|ETIMEDOUT|UND_ERR|127\.0\.0\.1|localhost|socket|fetch failed|other side closed|stack/i;
