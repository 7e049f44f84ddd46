import type { DocumentOwner, TrustedDocument } from '../../../../subgraphs/governance/agreements/TrustedDocuments';
import { cachedTrustedDocuments } from '../cachedTrustedDocuments';

/**
 * [P14] Published operations as the gateway reads them: kept a few seconds, so an operation
 * marked invalid (or newly published) is seen within that time; one owner's operation is never
 * served to another, even an agreement and a client that share a name.
 */
const HASH = 'a'.repeat(64);
const document = (owner: DocumentOwner, valid = true) => ({ sha256: HASH, name: 'RecentArrests', version: 1, owner, valid }) as TrustedDocument;
const key = (owner: DocumentOwner, sha256: string) => `${'agreement' in owner ? 'agreement' : 'client'}:${'agreement' in owner ? owner.agreement : owner.client}|${sha256}`;

function manifest(entries: Record<string, TrustedDocument | Error>) {
  const reads: string[] = [];
  let current = { ...entries };
  return {
    reads,
    change: (at: string, value: TrustedDocument | Error) => void (current = { ...current, [at]: value }),
    find: async (owner: DocumentOwner, sha256: string) => {
      reads.push(key(owner, sha256));
      const found = current[key(owner, sha256)] ?? null;
      if (found instanceof Error) throw found;
      return found;
    },
  };
}

describe('cachedTrustedDocuments', () => {
  it('holds at most 10,000 ids, forgetting the oldest first: a client sending random ids cannot grow it without bound', async () => {
    const m = manifest({});
    const find = cachedTrustedDocuments(m, 10_000, () => 0);
    const owner = { agreement: 'DA-1' };
    const ids = Array.from({ length: 10_001 }, (_, i) => i.toString(16).padStart(64, '0'));
    for (const id of ids) await find(owner, id);
    m.reads.length = 0;
    await find(owner, ids[1]!); // the second oldest: still held
    await find(owner, ids[0]!); // the oldest: forgotten, read again
    expect(m.reads).toEqual([key(owner, ids[0]!)]);
  });

  it('an operation marked invalid is served as invalid once the cache time has passed, not before', async () => {
    let now = 0;
    const store = manifest({ [key({ agreement: 'DA-1' }, HASH)]: document({ agreement: 'DA-1' }) });
    const find = cachedTrustedDocuments(store, 10_000, () => now);
    expect((await find({ agreement: 'DA-1' }, HASH))?.valid).toBe(true);
    store.change(key({ agreement: 'DA-1' }, HASH), document({ agreement: 'DA-1' }, false));
    now = 9_999;
    expect((await find({ agreement: 'DA-1' }, HASH))?.valid).toBe(true);
    now = 10_000;
    expect((await find({ agreement: 'DA-1' }, HASH))?.valid).toBe(false);
  });

  it('an unknown id is kept too: a client retrying it does not reach the store each time', async () => {
    const store = manifest({});
    const find = cachedTrustedDocuments(store, 10_000, () => 0);
    expect(await find({ agreement: 'DA-1' }, HASH)).toBeNull();
    expect(await find({ agreement: 'DA-1' }, HASH)).toBeNull();
    expect(store.reads).toHaveLength(1);
  });

  it.each([
    { rule: 'an agreement and a client of the same name', first: { agreement: 'shared' }, second: { client: 'shared' } },
    { rule: 'a client and an agreement of the same name', first: { client: 'shared' }, second: { agreement: 'shared' } },
    { rule: 'two agreements', first: { agreement: 'DA-1' }, second: { agreement: 'PD-2' } },
    { rule: 'two clients', first: { client: 'console-app' }, second: { client: 'other-app' } },
  ] as { rule: string; first: DocumentOwner; second: DocumentOwner }[])('an operation approved for one owner is not served to another: $rule', async ({ first, second }) => {
    const store = manifest({ [key(first, HASH)]: document(first) });
    const find = cachedTrustedDocuments(store, 10_000, () => 0);
    expect(await find(first, HASH)).not.toBeNull();
    expect(await find(second, HASH)).toBeNull();
  });

  it('two ids of one owner are two entries', async () => {
    const store = manifest({ [key({ agreement: 'DA-1' }, HASH)]: document({ agreement: 'DA-1' }) });
    const find = cachedTrustedDocuments(store, 10_000, () => 0);
    expect(await find({ agreement: 'DA-1' }, HASH)).not.toBeNull();
    expect(await find({ agreement: 'DA-1' }, 'b'.repeat(64))).toBeNull();
  });

  it('a store that failed is asked again on the next request (a failure is not kept)', async () => {
    const store = manifest({ [key({ agreement: 'DA-1' }, HASH)]: new Error('store unreachable') });
    const find = cachedTrustedDocuments(store, 10_000, () => 0);
    await expect(find({ agreement: 'DA-1' }, HASH)).rejects.toThrow('store unreachable');
    store.change(key({ agreement: 'DA-1' }, HASH), document({ agreement: 'DA-1' }));
    expect(await find({ agreement: 'DA-1' }, HASH)).not.toBeNull();
  });

  it('reads the clock of the machine when given none (default: kept ten seconds)', async () => {
    const store = manifest({});
    const find = cachedTrustedDocuments(store);
    await find({ agreement: 'DA-1' }, HASH);
    await find({ agreement: 'DA-1' }, HASH);
    expect(store.reads).toHaveLength(1);
  });
});
