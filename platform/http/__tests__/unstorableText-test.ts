import { hasUnstorableText } from '../unstorableText';

describe('hasUnstorableText: text the audit store cannot record [P18]', () => {
  const none = new URLSearchParams();
  it.each([
    ['U+0000 in the document', { query: '{ me { id } } # \u0000' }, true],
    ['an unpaired high surrogate', { query: '{ me { id } }\ud800' }, true],
    ['an unpaired low surrogate', { query: '\udc00{ me { id } }' }, true],
    ['U+0000 in the operation name', { query: '{ me { id } }', operationName: 'A\u0000' }, true],
    ['in one operation of a batch', [{ query: '{ me { id } }' }, { query: '\u0000' }], true],
    ['a character outside the BMP (a surrogate pair)', { query: '{ searchPersons(name: "𝔘𝔫𝔦") { totalCount } }' }, false],
    ['an escaped \\u0000 in a string literal (six characters)', { query: '{ searchPersons(name: "\\u0000") { totalCount } }' }, false],
    ['U+0000 in variables (hashed by the audit, never stored)', { query: '{ me { id } }', variables: { name: '\u0000' } }, false],
    ['no body', undefined, false],
  ])('%s', (_what, body, expected) => {
    expect(hasUnstorableText(body, none)).toBe(expected);
  });

  it('looks at the GET parameters too', () => {
    expect(hasUnstorableText(undefined, new URLSearchParams({ query: '{ me { id } }\u0000' }))).toBe(true);
  });
});
