import { randomBytes } from 'node:crypto';
import { createCursorCipher } from '../cursorCipher';

/** [P18] a cursor leaves sealed: unreadable, bound to its subgraph and key, refused when altered. */
describe('cursor cipher', () => {
  const key = randomBytes(32);
  const cipher = createCursorCipher(key, 'complaints-arrests');
  const cursor = Buffer.from(JSON.stringify(['2025-03-14T22:05:00.000Z', 'K25612345'])).toString('base64url');
  /** The sealed cursor with one byte flipped at `offset` (negative: from the end). */
  const flipped = (sealed: string, offset: number) => {
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[offset < 0 ? bytes.length + offset : offset]! ^= 0x01;
    return bytes.toString('base64url');
  };

  it('opens what it sealed, and the sealed text names nothing', () => {
    const sealed = cipher.seal(cursor);
    expect(cipher.open(sealed)).toBe(cursor);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('K25612345');
    // The same cursor seals the same (a connection's endCursor is its last edge's cursor); another does not.
    expect(cipher.seal(cursor)).toBe(sealed);
    expect(cipher.seal(Buffer.from(JSON.stringify(['2025-03-14T22:05:00.000Z', 'K25612346'])).toString('base64url'))).not.toBe(sealed);
  });

  it('seals the same cursor the same in every replica (the IV is derived from the cursor, SIV-style), and differently under another key', () => {
    const replica = createCursorCipher(Buffer.from(key), 'complaints-arrests');
    expect(replica.seal(cursor)).toBe(cipher.seal(cursor));
    expect(replica.open(cipher.seal(cursor))).toBe(cursor);
    expect(createCursorCipher(randomBytes(32), 'complaints-arrests').seal(cursor)).not.toBe(cipher.seal(cursor));
  });

  it('opens a cursor sealed before an upgrade: the keys derived from the configured key are fixed', () => {
    // Sealed once with this key, subgraph and cursor; a release that derives its keys otherwise
    // would refuse every cursor a client holds at the moment it is deployed.
    const sealedBefore = 'SeWV-NE-GTXKSedsCJI5qDD3fLNbKL0ck4pUDMNMnmTq9R2okX9p43E9AKLPXmtmVQ0WfIuSvS_AfMRpnY3VTjIyHnl43jYnocdNqCN4Ek4gFQ';
    const configured = createCursorCipher(Buffer.alloc(32, 0x2a), 'complaints-arrests');
    expect(configured.open(sealedBefore)).toBe('WyIyMDI1LTAzLTE0VDIyOjA1OjAwLjAwMFoiLCJLMjU2MTIzNDUiXQ');
    expect(configured.seal('WyIyMDI1LTAzLTE0VDIyOjA1OjAwLjAwMFoiLCJLMjU2MTIzNDUiXQ')).toBe(sealedBefore);
  });

  it.each([
    ['a flipped byte in the IV (first)', (sealed: string) => flipped(sealed, 0)],
    ['a flipped byte in the IV (last)', (sealed: string) => flipped(sealed, 11)],
    ['a flipped byte in the tag (first)', (sealed: string) => flipped(sealed, 12)],
    ['a flipped byte in the tag (last)', (sealed: string) => flipped(sealed, 27)],
    ['a flipped byte in the ciphertext (first)', (sealed: string) => flipped(sealed, 28)],
    ['a flipped byte in the ciphertext (last)', (sealed: string) => flipped(sealed, -1)],
    ['a byte cut from the end', (sealed: string) => Buffer.from(sealed, 'base64url').subarray(0, -1).toString('base64url')],
    ['a byte added at the end', (sealed: string) => Buffer.concat([Buffer.from(sealed, 'base64url'), Buffer.of(0)]).toString('base64url')],
    ['a readable cursor of the old kind', () => cursor],
    ['another subgraph\'s cursor', (sealed: string) => createCursorCipher(key, 'warrants').seal(cipher.open(sealed)!)],
    ['a cursor sealed with another key', (sealed: string) => createCursorCipher(randomBytes(32), 'complaints-arrests').seal(cipher.open(sealed)!)],
    ['an IV and a tag with nothing sealed', (sealed: string) => Buffer.from(sealed, 'base64url').subarray(0, 28).toString('base64url')],
    ['an empty string', () => ''],
  ])('refuses %s', (_what, alter) => {
    expect(cipher.open(alter(cipher.seal(cursor)))).toBeNull();
  });

  it('opens a cursor of one byte, and refuses unread a sealed text over 1 KiB, even one it sealed itself', () => {
    // IV (12 bytes) and tag (16 bytes) around the cursor: 996 bytes of cursor make 1,024.
    expect(cipher.open(cipher.seal('a'))).toBe('a');
    expect(cipher.open(cipher.seal('a'.repeat(996)))).toBe('a'.repeat(996));
    expect(cipher.open(cipher.seal('a'.repeat(997)))).toBeNull();
  });

  it.each([16, 31, 33, 64])('refuses a key of %i bytes (AES-256 takes 32)', (bytes) => {
    expect(() => createCursorCipher(randomBytes(bytes), 'complaints-arrests')).toThrow(/32 bytes/);
  });
});
