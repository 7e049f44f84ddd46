import { variablesOverLimit } from '../variablesOverLimit';

/** Nesting built iteratively, as a client would send it, without recursion on either side. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('variablesOverLimit: variables are bounded in depth and size before anything walks them', () => {
  const limits = { maxDepth: 4, maxBytes: 64 };
  it.each([
    ['no variables', undefined, null],
    ['flat scalars', { a: 1, b: 'x', c: null, d: true }, null],
    ['nested exactly to the limit (the object itself is level 1)', { a: { b: { c: [1] } } }, null],
    ['one level past the limit', { a: { b: { c: [[1]] } } }, 'depth'],
    ['200,000 levels deep', { deep: nested(200_000) }, 'depth'],
    ['a string past the size limit', { a: 'x'.repeat(70) }, 'bytes'],
    ['many small keys past the size limit', Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])), 'bytes'],
    ['multi-byte text counted as UTF-8', { a: 'é'.repeat(30) }, 'bytes'],
  ])('%s', (_name, value, limit) => {
    expect(variablesOverLimit('variables', value, limits)?.limit ?? null).toBe(limit);
  });

  it('counts bytes close to the JSON text', () => {
    const value = { name: 'Jane', ids: [1, 22, 333], nested: { ok: true } };
    const exact = Buffer.byteLength(JSON.stringify(value));
    expect(variablesOverLimit('variables', value, { maxDepth: 10, maxBytes: exact })).toBeNull();
    expect(variablesOverLimit('variables', value, { maxDepth: 10, maxBytes: exact - 1 })?.limit).toBe('bytes');
  });
});
