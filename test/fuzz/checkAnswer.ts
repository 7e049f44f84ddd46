import { ERROR_CODES } from '../../platform/errors/ErrorCode';
import { INTERNAL_TEXT } from '../../gateway/errors/internalText';

const CONTRACT: ReadonlySet<string> = new Set(ERROR_CODES);

/**
 * Internal details in `text` that the request did not itself contain (a client's own input
 * echoed back, such as a name in a validation error, is not a leak).
 */
export function leaksIn(text: string, sent: string): string[] {
  const leaks: string[] = [];
  for (const { what, pattern } of INTERNAL_TEXT) {
    for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))) {
      if (!sent.includes(match[0].trim())) leaks.push(`${what}: ${JSON.stringify(match[0])}`);
    }
  }
  return leaks;
}

export interface Answer {
  status: number;
  text: string;
  json?: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
}

/**
 * The properties every answer has, whatever was sent: no 5xx from the gateway (the audit store
 * is up), a JSON body, every error coded with a code of the contract, and no internal detail.
 */
export function problemsOf(answer: Answer, sent: string): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (!answer.json) return [...problems, `not a JSON answer: ${answer.text.slice(0, 200)}`];
  for (const error of answer.json.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !CONTRACT.has(code)) problems.push(`error code ${String(code)}: ${String(error.message).slice(0, 200)}`);
    if (typeof error.message !== 'string' || error.message === '') problems.push('an error without a message');
    problems.push(...leaksIn(JSON.stringify(error), sent));
  }
  if (answer.json.errors !== undefined && !(Array.isArray(answer.json.errors) && answer.json.errors.length > 0) && answer.json.data === undefined) {
    problems.push('neither data nor errors');
  }
  return problems;
}
