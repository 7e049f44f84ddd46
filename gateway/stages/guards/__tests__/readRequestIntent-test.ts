import { readRequestIntent, readTexts } from '../readRequestIntent';

/**
 * [P15, P6] Each request's texts are read by both lexicons; a set of texts read before is not
 * read again, but a reading is never given to other texts: whichever text differs, in whichever
 * header, the reading is that text's own.
 */
describe('readRequestIntent', () => {
  it('reads the texts with both lexicons', () => {
    const reading = readRequestIntent({ justification: "Honor ICE detainer; monitor the organizers of Saturday's protest" });
    expect(reading.immigration.outcome).toBe('BLOCK');
    expect(reading.politicalActivity.outcome).toBe('BLOCK');
    expect(readTexts({ justification: 'Robbery pattern on Pitkin Avenue' })).toEqual({ immigration: { outcome: 'ALLOW', because: [] }, politicalActivity: { outcome: 'ALLOW', because: [] } });
  });

  it('gives the same reading to the same texts again', () => {
    const texts = { purpose: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: 'DV victim says abuser threatened her with deportation' };
    expect(readRequestIntent(texts)).toEqual(readTexts(texts));
    expect(readRequestIntent({ ...texts })).toEqual(readTexts(texts));
  });

  it.each([
    { rule: 'another justification', first: { justification: 'Robbery pattern on Pitkin Avenue' }, then: { justification: 'Honor ICE detainer for subject' } },
    { rule: 'the same words in another header (ICE in the case reference refuses)', first: { justification: 'ICE' }, then: { caseNumber: 'ICE' } },
    { rule: 'the same words one header on', first: { caseNumber: 'ICE' }, then: { justification: 'ICE' } },
    { rule: 'another authorization', first: { authorization: 'PI-2026-0007' }, then: { authorization: 'Honor ICE detainer' } },
    { rule: 'another purpose', first: { purpose: 'CRIMINAL_INVESTIGATION' }, then: { purpose: 'IMMIGRATION_ENFORCEMENT' } },
    { rule: 'the same letters, one header ending elsewhere ("notify" in the case number is not "notify ICE")', first: { caseNumber: '2025-1Notify', justification: ' ICE' }, then: { caseNumber: '2025-1', justification: 'Notify ICE' } },
    { rule: 'the same characters, a text holding a NUL where one header ends', first: { caseNumber: '2025-1\u0000Notify', justification: ' ICE' }, then: { caseNumber: '2025-1', justification: 'Notify\u0000 ICE' } },
  ])('never gives one text\'s reading to another: $rule', ({ first, then }) => {
    readRequestIntent(first);
    expect(readRequestIntent(then)).toEqual(readTexts(then));
    expect(readTexts(then)).not.toEqual(readTexts(first));
  });
});
