/**
 * [P9] Authentication methods (RFC 8176 `amr`) that count as a second factor: a remote session
 * must show one. One list, read by the gateway's token check and by the console's session badge.
 */
export const SECOND_FACTORS: readonly string[] = ['mfa', 'otp', 'hwk', 'sms', 'swk', 'fpt'];

export const hasSecondFactor = (amr: readonly string[]): boolean => amr.some((method) => SECOND_FACTORS.includes(method));
