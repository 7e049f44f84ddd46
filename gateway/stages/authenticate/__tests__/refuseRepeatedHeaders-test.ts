import { IDENTITY_HEADERS, PURPOSE_HEADERS, refuseRepeatedHeaders } from '../refuseRepeatedHeaders';

/**
 * [P5] a declared purpose is one purpose, [P9] the caller one identity: a header that says who
 * asks or why, sent twice, is refused, naming the header (a proxy and the application could
 * each read a different copy).
 */
const request = (headersDistinct: Record<string, string[]>) => ({ headersDistinct });

describe('headers that say who asks and why come once', () => {
  it('the identity header and every purpose header are covered', () => {
    expect(IDENTITY_HEADERS).toEqual(['Authorization']);
    expect(PURPOSE_HEADERS).toEqual(['X-Purpose', 'X-Case-Number', 'X-Justification', 'X-Investigation-Authorization', 'X-Permissible-Purpose', 'X-GLBA-Exception', 'X-Statutory-Exception', 'X-Exception-Reference']);
  });

  it.each([...IDENTITY_HEADERS, ...PURPOSE_HEADERS])('%s sent twice is refused, naming it', (name) => {
    const names = [...IDENTITY_HEADERS, ...PURPOSE_HEADERS];
    let refusal: unknown;
    try {
      refuseRepeatedHeaders(request({ [name.toLowerCase()]: ['a', 'b'] }), names);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', header: name }, message: expect.stringContaining(`the ${name} header was sent more than once`) });
  });

  it.each<{ rule: string; headers: Record<string, string[]> }>([
    { rule: 'each header once: accepted', headers: { authorization: ['Bearer x'], 'x-purpose': ['AUDIT'] } },
    { rule: 'a header absent: accepted', headers: {} },
    { rule: 'a repeated header not in the list: not this rule\'s to refuse', headers: { accept: ['a', 'b'] } },
  ])('$rule', ({ headers }) => {
    expect(() => refuseRepeatedHeaders(request(headers), [...IDENTITY_HEADERS, ...PURPOSE_HEADERS])).not.toThrow();
  });
});
