import { auditedDocument } from '../auditedDocument';

const sha = (text: string) => `sha256:${require('node:crypto').createHash('sha256').update(text).digest('hex')}`;

/** [P18] the audit keeps what an operation asked, never the identifying values written into it. */
describe('auditedDocument', () => {
  it('replaces inline strings and numbers with placeholders and keeps their hashes', () => {
    const audited = auditedDocument('{ searchPersons(name: "MARIA GONZALEZ", dateOfBirth: "1990-02-03", first: 5) { totalCount } }');
    expect(audited.document).toBe('{searchPersons(name:$literal1 dateOfBirth:$literal2 first:$literal3){totalCount}}');
    expect(audited.literals).toEqual({ literal1: sha('MARIA GONZALEZ'), literal2: sha('1990-02-03'), literal3: sha('5') });
    expect(JSON.stringify(audited)).not.toContain('GONZALEZ');
  });

  it('hides values inside input objects, lists and variable defaults', () => {
    const audited = auditedDocument('query($d: PersonDescription = { name: "JOHN DOE" }) { a: searchByDescription(description: { identifyingMark: "TATTOO NECK", race: "BLACK", sex: M }) { totalCount } b: searchByDescription(description: $d) { totalCount } }');
    expect(audited.document).not.toMatch(/JOHN|TATTOO|BLACK/);
    expect(Object.keys(audited.literals)).toHaveLength(3);
    // Enums say nothing of a person and keep the operation readable.
    expect(audited.document).toContain('sex:M');
  });

  it('keeps as written what says nothing of a person: booleans, nulls, enums, variables', () => {
    const audited = auditedDocument('query ($v: Int) { a(flag: true, other: false, none: null, sex: M, v: $v, n: 1.5) { b } }');
    expect(audited.document).toBe('query($v:Int){a(flag:true other:false none:null sex:M v:$v n:$literal1){b}}');
    expect(audited.literals).toEqual({ literal1: sha('1.5') });
  });

  it('an operation received without its text is kept as none', () => {
    expect(auditedDocument(undefined)).toEqual({ document: null, documentHash: null, literals: {} });
    expect(auditedDocument('')).toEqual({ document: null, documentHash: null, literals: {} });
  });

  it('gives one hash to one operation shape, whatever values and formatting it was sent with', () => {
    const a = auditedDocument('{ person(id: "P00000001") { fullName } }');
    const b = auditedDocument('# a comment\n{\n  person(id: "P00000002") {\n    fullName\n  }\n}');
    expect(a.documentHash).toBe(b.documentHash);
    expect(a.literals).not.toEqual(b.literals);
  });

  it('keeps a text that does not parse by its hash only', () => {
    const audited = auditedDocument('{ person(id: "P00000001" { fullName }');
    expect(audited).toEqual({ document: null, documentHash: sha('{ person(id: "P00000001" { fullName }').slice('sha256:'.length), literals: {} });
  });
});
