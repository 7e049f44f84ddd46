import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateSecret } from '../localSecret';

/** [P10] the commercial cache's key: created once, readable by this user only, the same on every start. */
describe('a local secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'erms-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created with the length asked, readable by its owner only, and read back the same next time', () => {
    const first = loadOrCreateSecret(dir, 'cache', 32);
    expect(first).toHaveLength(32);
    expect(statSync(path.join(dir, 'keys', 'cache.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(loadOrCreateSecret(dir, 'cache', 32).equals(first)).toBe(true);
    expect(Buffer.from(readFileSync(path.join(dir, 'keys', 'cache.key'), 'utf8'), 'base64').equals(first)).toBe(true);
  });

  it('reads a secret written by hand, base64 with a trailing newline (`openssl rand -base64 32 > cache.key`)', () => {
    const secret = Buffer.alloc(32, 7);
    mkdirSync(path.join(dir, 'keys'));
    writeFileSync(path.join(dir, 'keys', 'cache.key'), `${secret.toString('base64')}\n`);
    expect(loadOrCreateSecret(dir, 'cache', 32).equals(secret)).toBe(true);
  });

  it('two names are two secrets', () => {
    expect(loadOrCreateSecret(dir, 'a', 32).equals(loadOrCreateSecret(dir, 'b', 32))).toBe(false);
  });

  it('a key of the wrong length on disk is not used as a key', () => {
    loadOrCreateSecret(dir, 'cache', 16);
    expect(() => loadOrCreateSecret(dir, 'cache', 32)).toThrow(/cannot read or create the secret/);
  });

  it('leaves no temporary file behind', () => {
    loadOrCreateSecret(dir, 'cache', 32);
    expect(readdirSync(path.join(dir, 'keys'))).toEqual(['cache.key']);
  });
});
