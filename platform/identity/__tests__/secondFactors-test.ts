import { hasSecondFactor } from '../secondFactors';

/**
 * [P9] A remote session must show a second factor: the authentication methods (RFC 8176 `amr`)
 * that count as one, each by name, and those that do not.
 */
describe('a second factor', () => {
  it.each(['mfa', 'otp', 'hwk', 'sms', 'swk', 'fpt'])('%s counts, beside a password', (method) => {
    expect(hasSecondFactor(['pwd', method])).toBe(true);
  });

  it.each([
    ['a password alone', ['pwd']],
    ['knowledge-based answers', ['pwd', 'kba']],
    ['no method at all', []],
    ['a method named in capitals (amr values are case-sensitive)', ['pwd', 'MFA']],
    ['an empty method', ['pwd', '']],
  ])('%s does not', (_case, amr) => {
    expect(hasSecondFactor(amr)).toBe(false);
  });
});
