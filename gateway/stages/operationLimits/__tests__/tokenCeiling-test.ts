import { parse } from 'graphql';
import { isTokenCeilingError } from '../tokenCeiling';

/** A document past the parser's token ceiling is counted and answered as QUERY_TOO_COMPLEX, like any limit. */
describe('the parser\'s token ceiling is recognised', () => {
  it('as graphql-js reports it', () => {
    let error: Error | undefined;
    try {
      parse('{ a b c d e f }', { maxTokens: 3 });
    } catch (thrown) {
      error = thrown as Error;
    }
    expect(isTokenCeilingError(error)).toBe(true);
  });

  it.each([
    ['the spelling of graphql 16.15', 'Syntax Error: Document contains more that 3 tokens. Parsing aborted.', true],
    ['the corrected spelling', 'Syntax Error: Document contains more than 40000 tokens. Parsing aborted.', true],
    ['another syntax error', 'Syntax Error: Expected Name, found <EOF>.', false],
    ['a count with no number', 'Document contains more than many tokens. Parsing aborted.', false],
  ])('%s', (_name, message, ceiling) => {
    expect(isTokenCeilingError({ message })).toBe(ceiling);
  });

  it('no error is no ceiling', () => {
    expect(isTokenCeilingError(undefined)).toBe(false);
    expect(isTokenCeilingError(null)).toBe(false);
  });
});
