import { flag, newAuditDraft } from '../AuditDraft';

/** [P4, P18] a use put before a supervisor is flagged in its audit event, once. */
describe('the audit draft of a request', () => {
  it('starts empty, timed from its creation', () => {
    const before = Date.now();
    const draft = newAuditDraft();
    expect(draft).toEqual({ startedAt: expect.any(Number), flags: [], subgraphs: new Set() });
    expect(draft.startedAt).toBeGreaterThanOrEqual(before);
    expect(draft.startedAt).toBeLessThanOrEqual(Date.now());
  });

  it('a flag is added once, and says whether it was new', () => {
    const draft = newAuditDraft();
    expect(flag(draft, 'FACIAL_RECOGNITION_PROBE')).toBe(true);
    expect(flag(draft, 'TERM_WITHOUT_INTENT')).toBe(true);
    expect(flag(draft, 'FACIAL_RECOGNITION_PROBE')).toBe(false);
    expect(draft.flags).toEqual(['FACIAL_RECOGNITION_PROBE', 'TERM_WITHOUT_INTENT']);
  });
});
