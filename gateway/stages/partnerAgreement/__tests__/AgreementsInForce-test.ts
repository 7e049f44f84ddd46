import type { Agreement } from '../../../../subgraphs/governance/agreements/AgreementStore';
import { AgreementsInForce } from '../AgreementsInForce';

/**
 * [P14] The agreements as the gateway reads them: kept for a few seconds so a partner's every
 * request does not read the store, but a suspension made elsewhere shows within that time, one
 * made through this gateway at once, and one caller's agreement is never another's.
 */
const agreement = (number: string, status: Agreement['status'] = 'ACTIVE') => ({ number, status }) as Agreement;

function store(answers: Record<string, Agreement | null | Error>) {
  const reads: string[] = [];
  let current = { ...answers };
  return {
    reads,
    change: (key: string, value: Agreement | null | Error) => void (current = { ...current, [key]: value }),
    forSubject: async ({ id, kind }: { id: string; kind: 'USER' | 'CLIENT' }) => {
      const key = `${kind}|${id}`;
      reads.push(key);
      const answer = current[key] ?? null;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('AgreementsInForce', () => {
  it('holds at most 10,000 callers, forgetting the oldest first: callers without end cannot grow it without bound', async () => {
    const agreements = store({});
    const inForce = new AgreementsInForce(agreements, 10_000, () => 0);
    const callers = Array.from({ length: 10_001 }, (_, i) => ({ id: `client-${i}`, kind: 'CLIENT' as const }));
    for (const caller of callers) await inForce.forSubject(caller);
    agreements.reads.length = 0;
    await inForce.forSubject(callers[1]!); // the second oldest: still held
    await inForce.forSubject(callers[0]!); // the oldest: forgotten, read again
    expect(agreements.reads).toEqual(['CLIENT|client-0']);
  });

  it('a suspension made elsewhere shows once the cache time has passed, not before', async () => {
    let now = 0;
    const agreements = store({ 'CLIENT|partner-da': agreement('DA-1') });
    const inForce = new AgreementsInForce(agreements, 10_000, () => now);
    expect((await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' }))?.status).toBe('ACTIVE');
    agreements.change('CLIENT|partner-da', agreement('DA-1', 'SUSPENDED'));
    now = 9_999;
    expect((await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' }))?.status).toBe('ACTIVE');
    now = 10_000;
    expect((await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' }))?.status).toBe('SUSPENDED');
    expect(agreements.reads).toEqual(['CLIENT|partner-da', 'CLIENT|partner-da']);
  });

  it('a change made through this gateway shows at once, for every partner', async () => {
    const agreements = store({ 'CLIENT|partner-da': agreement('DA-1'), 'USER|da-analyst': agreement('DA-1') });
    const inForce = new AgreementsInForce(agreements, 10_000, () => 0);
    await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' });
    await inForce.forSubject({ id: 'da-analyst', kind: 'USER' });
    agreements.change('CLIENT|partner-da', agreement('DA-1', 'TERMINATED'));
    agreements.change('USER|da-analyst', agreement('DA-1', 'TERMINATED'));
    inForce.invalidate('DA-1');
    expect((await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' }))?.status).toBe('TERMINATED');
    expect((await inForce.forSubject({ id: 'da-analyst', kind: 'USER' }))?.status).toBe('TERMINATED');
  });

  it('a client and a user of the same id never share an agreement', async () => {
    const agreements = store({ 'CLIENT|pd-nassau': agreement('PD-1') });
    const inForce = new AgreementsInForce(agreements, 10_000, () => 0);
    expect((await inForce.forSubject({ id: 'pd-nassau', kind: 'CLIENT' }))?.number).toBe('PD-1');
    expect(await inForce.forSubject({ id: 'pd-nassau', kind: 'USER' })).toBeNull();
  });

  it('a store that failed is asked again on the next request (a failure is not kept)', async () => {
    const agreements = store({ 'CLIENT|partner-da': new Error('store unreachable') });
    const inForce = new AgreementsInForce(agreements, 10_000, () => 0);
    await expect(inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' })).rejects.toThrow('store unreachable');
    agreements.change('CLIENT|partner-da', agreement('DA-1'));
    expect((await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' }))?.number).toBe('DA-1');
  });

  it('reads the clock of the machine when given none (default: kept ten seconds)', async () => {
    const agreements = store({ 'CLIENT|partner-da': agreement('DA-1') });
    const inForce = new AgreementsInForce(agreements);
    await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' });
    await inForce.forSubject({ id: 'partner-da', kind: 'CLIENT' });
    expect(agreements.reads).toHaveLength(1);
  });
});
