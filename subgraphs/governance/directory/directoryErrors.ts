/** Why the directory refused a change: turned into GraphQL errors in one place (subgraphs/governance/index.ts). */

/** No such user. */
export class UnknownUserError extends Error {}

/** A request the caller can correct (an unknown role or grant, a grant already decided): BAD_USER_INPUT. */
export class DirectoryInputError extends Error {
  constructor(message: string, readonly argument: string) {
    super(message);
  }
}

/**
 * A change separation of duties forbids [P8, P16]: FORBIDDEN, with `reason`.
 *  - SELF_CHANGE: a change to one's own roles, assignment, training or status;
 *  - ROLE_CONFLICT: ADMIN or VENDOR beside a role that reaches record data;
 *  - SELF_APPROVAL: the requester or the grantee deciding a grant;
 *  - NOT_APPROVER: a decision by someone who is not an approver for that grantee.
 */
export type DirectoryRule = 'SELF_CHANGE' | 'ROLE_CONFLICT' | 'SELF_APPROVAL' | 'NOT_APPROVER';

export class DirectoryRuleError extends Error {
  constructor(readonly reason: DirectoryRule, message: string) {
    super(message);
  }
}
