import { badUserInput } from '../../../platform/errors/ErrorCode';

/** A request header as Node gives it. */
export type HeaderValue = string | string[] | undefined;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A header's text, as the client wrote it. Node reads header bytes as Latin-1; the purpose
 * headers are UTF-8 [SPEC §5], so their bytes are decoded as UTF-8, and a header that is not
 * valid UTF-8 is the client's error. One rule for every reader: the guards read what the audit
 * stores (read as Latin-1, `investigación` would be stored as `investigaciÃ³n`, and a
 * look-alike letter would reach the guards as other letters).
 */
export function headerText(value: HeaderValue, name: string): string | undefined {
  const joined = Array.isArray(value) ? value.join(' ') : value;
  if (joined === undefined || !/[\u0080-\u00ff]/.test(joined)) return joined;
  if (/[^\u0000-\u00ff]/.test(joined)) return joined; // already decoded by whoever called
  try {
    return STRICT_UTF8.decode(Buffer.from(joined, 'latin1'));
  } catch {
    throw badUserInput(`${name} is not valid UTF-8`, { header: name });
  }
}
