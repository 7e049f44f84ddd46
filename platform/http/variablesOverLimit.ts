/** How deep and how large a request's variables (and extensions) may be. */
export interface VariableLimits {
  /** Nesting of objects and arrays; the variables object itself is depth 1. */
  maxDepth: number;
  /** Their size as JSON text, in bytes (UTF-8). */
  maxBytes: number;
}

/** Deep enough for any input type of the schema; a filter nested 32 levels is not a query. */
export const DEFAULT_VARIABLE_LIMITS: VariableLimits = { maxDepth: 32, maxBytes: 262_144 };

/** Which limit a value goes over, with the message the client sees; null when within both. */
export interface VariablesOverLimit {
  limit: 'depth' | 'bytes';
  message: string;
}

/**
 * Measures a parsed JSON value without recursion: an explicit stack, stopping at the first
 * limit crossed, so a client's 200,000-deep nesting costs a few steps past the limit, not a
 * stack overflow somewhere later on the request path (the audit's hashing of the variables
 * recursed, failed, and the request ended as AUDIT_UNAVAILABLE with no event [P18]).
 * Byte counting is of the JSON text the value came from, give or take escapes: strings are
 * counted as UTF-8 plus their quotes.
 */
export function variablesOverLimit(name: string, value: unknown, limits: VariableLimits): VariablesOverLimit | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  let bytes = 0;
  while (stack.length) {
    const { value: item, depth } = stack.pop()!;
    if (item !== null && typeof item === 'object') {
      if (depth > limits.maxDepth) return { limit: 'depth', message: `${name} nested deeper than ${limits.maxDepth} levels` };
      const members = Array.isArray(item) ? item : Object.entries(item);
      bytes += 2 + Math.max(0, members.length - 1);
      for (const member of members) {
        if (Array.isArray(item)) stack.push({ value: member, depth: depth + 1 });
        else {
          const [key, child] = member as [string, unknown];
          bytes += Buffer.byteLength(key) + 3;
          stack.push({ value: child, depth: depth + 1 });
        }
      }
    } else if (typeof item === 'string') bytes += Buffer.byteLength(item) + 2;
    else bytes += String(item).length;
    if (bytes > limits.maxBytes) return { limit: 'bytes', message: `${name} over ${limits.maxBytes} bytes of JSON` };
  }
  return null;
}
