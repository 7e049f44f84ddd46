import { randomBytes } from 'node:crypto';
import { createCursorCipher } from '../cursorCipher';

/** [P18] a cursor leaves sealed: unreadable, bound to its subgraph and key, refused when altered. */
describe('cursor cipher', () => {
  const key = randomBytes(32);
  const cipher = createCursorCipher(key, 'complaints-arrests');
  const cursor = Buffer.from(JSON.stringify(['2025-03-14T22:05:00.000Z', 'K25612345'])).toString('base64url');

  it('opens what it sealed, and the sealed text names nothing', () => {
    const sealed = cipher.seal(cursor);
    expect(cipher.open(sealed)).toBe(cursor);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('K25612345');
    // The same cursor seals the same (a connection's endCursor is its last edge's cursor); another does not.
    expect(cipher.seal(cursor)).toBe(sealed);
    expect(cipher.seal(Buffer.from(JSON.stringify(['2025-03-14T22:05:00.000Z', 'K25612346'])).toString('base64url'))).not.toBe(sealed);
  });

  it.each([
    ['a flipped byte', (sealed: string) => { const b = Buffer.from(sealed, 'base64url'); b[b.length - 1]! ^= 1; return b.toString('base64url'); }],
    ['a readable cursor of the old kind', () => cursor],
    ['another subgraph\'s cursor', (sealed: string) => createCursorCipher(key, 'warrants').seal(cipher.open(sealed)!)],
    ['a cursor sealed with another key', (sealed: string) => createCursorCipher(randomBytes(32), 'complaints-arrests').seal(cipher.open(sealed)!)],
    ['an empty string', () => ''],
  ])('refuses %s', (_what, alter) => {
    expect(cipher.open(alter(cipher.seal(cursor)))).toBeNull();
  });
});
