import { headerText } from '../headerText';

/**
 * [SPEC §5, P18] a purpose header is read as the UTF-8 its client sent, by every reader alike:
 * the guards read what the audit stores.
 */
const wire = (text: string) => Buffer.from(text, 'utf8').toString('latin1'); // as Node hands a header over

describe('headerText: the text of a purpose header', () => {
  it.each([
    { rule: 'plain ASCII is as sent', value: 'Robbery pattern', text: 'Robbery pattern' },
    { rule: 'UTF-8 bytes are decoded', value: wire('investigación'), text: 'investigación' },
    { rule: 'a look-alike letter reaches the guards as itself', value: wire('dеportation'), text: 'dеportation' },
    { rule: 'text already decoded by the caller is left as it is', value: 'investigación — 75', text: 'investigación — 75' },
    { rule: 'a header sent as several values is read as one text', value: ['Robbery', 'pattern'], text: 'Robbery pattern' },
    { rule: 'an absent header is absent', value: undefined, text: undefined },
  ])('$rule', ({ value, text }) => {
    expect(headerText(value, 'x-justification')).toBe(text);
  });

  it('bytes that are not UTF-8 are the client\'s error, naming the header', () => {
    expect(() => headerText('investigaci\u00f3n', 'x-justification')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', header: 'x-justification' }), message: 'x-justification is not valid UTF-8' }),
    );
  });

  it('a single byte that is not UTF-8, with nothing else, is refused too', () => {
    expect(() => headerText('\u00e9', 'x-justification')).toThrow('x-justification is not valid UTF-8');
  });
});
