/** Why a rule said no, as data a client and an auditor can read. */
export type DenialReason =
  | 'NO_RULE'
  | 'MISSING_ROLE'
  | 'MISSING_PURPOSE'
  | 'PURPOSE_NOT_PERMITTED'
  | 'MISSING_TRAINING'
  | 'SEALED_RECORD'
  | 'JUVENILE_RECORD'
  // [P14] outside the partner's written agreement (category, system or purpose).
  | 'AGREEMENT_SCOPE';

export class PolicyDenial extends Error {
  constructor(
    readonly reason: DenialReason,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
