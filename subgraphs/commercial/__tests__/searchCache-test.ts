import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Database } from '../../../platform/storage/Database';
import { migrate, readMigrations } from '../../../platform/storage/migrate';
import { openDatabase } from '../../../platform/storage/openDatabase';
import { backends, createTestStorage, type TestStorage } from '../../../test/harness/testDatabase';
import { createCacheCipher } from '../cacheCipher';
import type { ProviderReport } from '../ProviderReport';
import { cacheKeyOf, openCacheRow, readCacheRows, writeCacheRow, type CacheRow } from '../searchCache';
import type { SearchQuery } from '../SearchQuery';

/** [P10] provider data cached at rest is AES-256-GCM encrypted, and expires. */
describe.each(backends())('encrypted search cache (%s)', (backend) => {
  let storage: TestStorage;
  let db: Database;
  beforeAll(async () => {
    storage = await createTestStorage(backend);
    db = await openDatabase({ ...storage.target, schema: 'commercial' });
    await migrate(db, readMigrations(path.join(__dirname, '..', 'migrations')));
  });
  afterAll(async () => {
    await db?.close();
    await storage?.drop();
  });

  const cipher = createCacheCipher(randomBytes(32));
  const query: SearchQuery = { kind: 'PERSON', person: { firstName: 'TANISHA', lastName: 'PETROV-LI', dateOfBirth: '1990-05-15' } };
  const report: ProviderReport = {
    kind: 'PERSON', reference: 'TLO-1',
    records: [{ providerRecordId: 'T1', matchScore: 0.98, names: ['TANISHA PETROV-LI'], dateOfBirth: '1990-05-15', addresses: [{ line1: '1056 LIBERTY AVENUE', city: 'QUEENS', state: 'NY', zip: '11372', firstSeen: '2016-01', lastSeen: null, current: true }], phones: [], relatives: [], associates: [], vehicles: [] }],
  };
  const now = new Date('2026-11-20T12:00:00Z');
  const key = cacheKeyOf(cipher, 'TLO', query);
  const raw = async () => (await db.query<{ key_hash: string; iv: Uint8Array; tag: Uint8Array; ciphertext: Uint8Array; expires_at: string }>('SELECT * FROM search_cache WHERE key_hash = $1', [key]))[0]!;

  it('stores neither the answer nor the name searched in clear', async () => {
    await writeCacheRow(db, cipher, 'TLO', key, { report, retrievedAt: now.toISOString() }, 3600, now);
    const row = await raw();
    const stored = Buffer.concat([Buffer.from(row.key_hash), Buffer.from(row.iv), Buffer.from(row.tag), Buffer.from(row.ciphertext)]).toString('latin1');
    for (const plain of ['TANISHA', 'PETROV', '1990-05-15', 'LIBERTY', 'TLO-1']) expect(stored).not.toContain(plain);
    expect([Buffer.from(row.iv).length, Buffer.from(row.tag).length]).toEqual([12, 16]);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads it back with the key, and with no other key', async () => {
    const [row] = await readCacheRows(db, [key], now);
    expect(openCacheRow(cipher, 'TLO', row!)).toEqual({ report, retrievedAt: now.toISOString() });
    expect(openCacheRow(createCacheCipher(randomBytes(32)), 'TLO', row!)).toBeNull();
  });

  it('refuses a value tampered with, or moved to another provider\'s row', async () => {
    const [row] = await readCacheRows(db, [key], now);
    const tampered: CacheRow = { ...row!, ciphertext: Buffer.from(row!.ciphertext).map((byte, i) => (i === 0 ? byte ^ 1 : byte)) };
    expect(openCacheRow(cipher, 'TLO', tampered)).toBeNull();
    expect(openCacheRow(cipher, 'ACCURINT', row!)).toBeNull();
  });

  it('serves nothing past its time, and deletes expired rows on the next write', async () => {
    expect(await readCacheRows(db, [key], new Date(now.getTime() + 3_599_000))).toHaveLength(1);
    expect(await readCacheRows(db, [key], new Date(now.getTime() + 3_600_000))).toHaveLength(0);
    const other = cacheKeyOf(cipher, 'TLO', { kind: 'VEHICLE', vin: 'JWL55SFRE4DW1MUK6' });
    await writeCacheRow(db, cipher, 'TLO', other, { report, retrievedAt: now.toISOString() }, 60, new Date(now.getTime() + 3_600_000));
    expect(await db.query('SELECT key_hash FROM search_cache WHERE key_hash = $1', [key])).toHaveLength(0);
  });

  it('names the same search with the same key, and different searches differently', () => {
    expect(cacheKeyOf(cipher, 'TLO', query)).toBe(key);
    expect(cacheKeyOf(cipher, 'ACCURINT', query)).not.toBe(key);
    expect(cacheKeyOf(createCacheCipher(randomBytes(32)), 'TLO', query)).not.toBe(key);
  });
});
