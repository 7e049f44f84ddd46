import fc from 'fast-check';

/**
 * What the fuzzer does to a document: leave it, break it token by token, or replace it with
 * one of the known attacks on a GraphQL server (deep nesting, alias and fragment bombs, cyclic
 * introspection, a huge string). Each is plain data, so fast-check prints and shrinks it.
 */
export type Mutation =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'deleteToken'; at: number }
  | { kind: 'duplicateToken'; at: number }
  | { kind: 'swapTokens'; a: number; b: number }
  | { kind: 'insertToken'; at: number; token: string }
  | { kind: 'insertText'; at: number; text: string }
  | { kind: 'lookAlike'; at: number }
  | { kind: 'nest'; levels: number }
  | { kind: 'aliasBomb'; count: number }
  | { kind: 'rootBomb'; count: number }
  | { kind: 'fragmentBomb'; levels: number }
  | { kind: 'introspection'; levels: number }
  | { kind: 'longString'; length: number };

const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '...', '$v0', '@include(if: true)', '@skip(if: $nope)', '@deprecated', 'on', 'fragment', 'query', 'null',
  '"\\u0000"', '"\\uD800"', '__schema', '__typename', '#', '!', '=', '|', '&', '0x1F', '1e999', '-0', '"""block"""', 'subscription'];

/** Latin letters and the Cyrillic or Greek letters that look the same. */
const LOOK_ALIKES: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', A: 'А', E: 'Е', O: 'О', P: 'Р', T: 'Т', H: 'Н' };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 35, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deleteToken' as const), at: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('duplicateToken' as const), at: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('swapTokens' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insertToken' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insertText' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 8 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('lookAlike' as const), at: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('nest' as const), levels: fc.constantFrom(3, 5, 8, 40, 600, 3000) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('aliasBomb' as const), count: fc.constantFrom(6, 12, 60, 3000) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('rootBomb' as const), count: fc.constantFrom(4, 8, 30) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fragmentBomb' as const), levels: fc.constantFrom(2, 8, 30) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('introspection' as const), levels: fc.constantFrom(1, 3, 6, 12) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('longString' as const), length: fc.constantFrom(1_000, 100_000, 2_000_000) }) },
);

const TOKEN = /"""[\s\S]*?"""|"(?:\\.|[^"\\])*"|\.\.\.|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}()[\]:!$@=,|&]|\s+|./g;

export function mutateDocument(query: string, mutation: Mutation): string {
  const tokens = query.match(TOKEN) ?? [];
  const at = (n: number) => (tokens.length ? n % tokens.length : 0);
  switch (mutation.kind) {
    case 'none':
      return query;
    case 'truncate':
      return query.slice(0, mutation.at % (query.length + 1));
    case 'deleteToken':
      return tokens.filter((_, i) => i !== at(mutation.at)).join('');
    case 'duplicateToken':
      return tokens.flatMap((t, i) => (i === at(mutation.at) ? [t, ' ', t] : [t])).join('');
    case 'swapTokens': {
      const copy = [...tokens];
      const [a, b] = [at(mutation.a), at(mutation.b)];
      [copy[a], copy[b]] = [copy[b]!, copy[a]!];
      return copy.join('');
    }
    case 'insertToken':
      return tokens.flatMap((t, i) => (i === at(mutation.at) ? [` ${mutation.token} `, t] : [t])).join('');
    case 'insertText': {
      const i = mutation.at % (query.length + 1);
      return query.slice(0, i) + mutation.text + query.slice(i);
    }
    case 'lookAlike': {
      const letters = [...query.matchAll(/[aeopcxyiAEOPTH]/g)];
      const hit = letters[mutation.at % Math.max(1, letters.length)];
      return hit ? query.slice(0, hit.index) + LOOK_ALIKES[hit[0]] + query.slice(hit.index! + 1) : query;
    }
    case 'nest':
      return `{ person(id: "P00000001") { ${'arrests { person { '.repeat(mutation.levels)}id${' } }'.repeat(mutation.levels)} } }`;
    case 'aliasBomb':
      return `{ person(id: "P00000001") { ${Array.from({ length: mutation.count }, (_, i) => `a${i}: fullName`).join(' ')} } }`;
    case 'rootBomb':
      return `{ ${Array.from({ length: mutation.count }, (_, i) => `p${i}: person(id: "P0000000${(i % 9) + 1}") { id fullName }`).join(' ')} }`;
    case 'fragmentBomb': {
      const levels = mutation.levels;
      const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Person { ${i === 0 ? 'fullName' : `...F${i - 1} ...F${i - 1}`} }`);
      return `{ person(id: "P00000001") { ...F${levels - 1} } } ${fragments.join(' ')}`;
    }
    case 'introspection':
      return `{ __schema { types { ${'fields { type { '.repeat(mutation.levels)}name${' } }'.repeat(mutation.levels)} } } }`;
    case 'longString':
      return `{ searchPersons(name: "${'A'.repeat(mutation.length)}") { totalCount } }`;
  }
}
