import type { IncomingMessage } from 'node:http';
import { badUserInput } from '../../../platform/errors/ErrorCode';

/**
 * Headers that say who asks and why: each must come once. Node joins a repeated `X-Purpose`
 * into "a, b" and keeps only the first `Authorization`, so a proxy and the application could
 * each read a different purpose or caller; a declared purpose must be one purpose [P5], and the
 * caller one identity [P9]. Read from `headersDistinct`, which keeps every copy.
 */
export const IDENTITY_HEADERS = ['Authorization'] as const;
export const PURPOSE_HEADERS = [
  'X-Purpose',
  'X-Case-Number',
  'X-Justification',
  'X-Investigation-Authorization',
  'X-Permissible-Purpose',
  'X-GLBA-Exception',
  'X-Statutory-Exception',
  'X-Exception-Reference',
] as const;

/** Refuses (BAD_USER_INPUT, naming the header) a request that repeats one of `names`. */
export function refuseRepeatedHeaders(request: Pick<IncomingMessage, 'headersDistinct'>, names: readonly string[]): void {
  for (const name of names) {
    const copies = request.headersDistinct[name.toLowerCase()];
    if (copies && copies.length > 1) throw badUserInput(`the ${name} header was sent more than once: send it once`, { header: name });
  }
}
