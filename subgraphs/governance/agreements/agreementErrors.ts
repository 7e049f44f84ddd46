/** Why an agreement change was refused: turned into the contract's errors in agreementResolvers.ts. */

/** Terms the caller can correct (a malformed hash, an unknown category, dates out of order): BAD_USER_INPUT. */
export class AgreementInputError extends Error {
  constructor(message: string, readonly argument: string) {
    super(message);
  }
}

/**
 * [P15] an agreement that would further immigration enforcement: IMMIGRATION_ENFORCEMENT_BLOCKED.
 * `reason`: IMMIGRATION_PURPOSE, IMMIGRATION_AGENCY or IMMIGRATION_CATEGORY.
 */
export class ImmigrationAgreementError extends Error {
  constructor(readonly reason: 'IMMIGRATION_PURPOSE' | 'IMMIGRATION_AGENCY' | 'IMMIGRATION_CATEGORY', message: string) {
    super(message);
  }
}

/**
 * A change the lifecycle or separation of duties forbids: FORBIDDEN with `reason`.
 *  - TRANSITION: not a step of DRAFT → APPROVED → ACTIVE → SUSPENDED | EXPIRED | TERMINATED;
 *  - SELF_APPROVAL: the person who drafted the agreement approving it;
 *  - PAST_EXPIRY: activating an agreement whose expiry has passed;
 *  - NOT_YOURS: a partner acting on another agreement's notice or request.
 */
export class AgreementRuleError extends Error {
  constructor(readonly reason: 'TRANSITION' | 'SELF_APPROVAL' | 'PAST_EXPIRY' | 'NOT_YOURS', message: string) {
    super(message);
  }
}

export class UnknownAgreementError extends Error {}
