import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../../platform/storage/Database';
import { partnerAccessFor } from '../partnerAccessFor';

/**
 * [P14] Partner access over the governance store, as the gateway is given it: which internal
 * clients are held to published operations, the day's count, the caches' time, and revalidation
 * against the supergraph the gateway starts with. The store is a stand-in that answers the
 * statements it is sent.
 */
function store() {
  const statements: string[] = [];
  const db = {
    engine: 'pglite',
    schema: 'governance',
    query: async (sql: string) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      return sql.includes('agreement_use') ? [{ requests: 7 }] : [];
    },
  } as unknown as Database;
  return { db, statements };
}

describe('partnerAccessFor', () => {
  it.each([
    { rule: 'listed clients are held to their published operations', clients: ['console-app', 'report-app'], held: ['console-app', 'report-app'] },
    { rule: 'an empty list holds no one', clients: [], held: null },
    { rule: 'no list holds no one', clients: undefined, held: null },
  ])('$rule', ({ clients, held }) => {
    const access = partnerAccessFor(store().db, clients ? { trustedDocumentClients: clients } : {});
    expect(access.trustedDocumentClients ? [...access.trustedDocumentClients] : null).toEqual(held);
  });

  it('counts a request against the agreement\'s day in the store', async () => {
    const { db, statements } = store();
    expect(await partnerAccessFor(db).countRequest('DA-1')).toBe(7);
    expect(statements).toEqual([expect.stringContaining('INSERT INTO agreement_use')]);
  });

  it.each([
    { rule: 'kept ten seconds by default: asked once', options: {}, reads: 1 },
    { rule: 'a cache time of zero: asked every time', options: { cacheMs: 0 }, reads: 2 },
  ])('agreements and published operations are read from the store, $rule', async ({ options, reads }) => {
    const { db, statements } = store();
    const access = partnerAccessFor(db, options);
    await access.agreements.forSubject({ id: 'partner-da', kind: 'CLIENT' });
    await access.agreements.forSubject({ id: 'partner-da', kind: 'CLIENT' });
    await access.findTrustedDocument({ agreement: 'DA-1' }, 'a'.repeat(64));
    await access.findTrustedDocument({ agreement: 'DA-1' }, 'a'.repeat(64));
    expect(statements.filter((s) => s.includes('FROM agreement '))).toHaveLength(reads);
    expect(statements.filter((s) => s.includes('FROM trusted_document'))).toHaveLength(reads);
  });

  it('revalidates every published operation against the supergraph it is given', async () => {
    const { db, statements } = store();
    const sdl = readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
    expect(await partnerAccessFor(db).revalidate!(sdl)).toEqual({ checked: 0, invalid: [] });
    expect(statements).toEqual([expect.stringContaining('FROM trusted_document')]);
  });
});
