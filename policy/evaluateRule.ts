import type { ShieldRule } from './rules';
import type { GraphQLResolveInfo } from 'graphql';
import { PolicyDenial } from './PolicyDenial';
import type { PolicyContext } from './Subject';

export type Decision = { allowed: true } | { allowed: false; denial: PolicyDenial };

const SHIELD_OPTIONS = {
  debug: false,
  allowExternalErrors: false,
  hashFunction: (value: { parent: unknown; args: unknown }) => JSON.stringify(value.args ?? {}),
};

/**
 * Runs a graphql-shield rule outside field execution (the gateway's pre-planning walk, the
 * subgraphs' record filter). A rule that throws or answers anything but `true` denies: fail closed.
 */
export async function evaluateRule(
  policyRule: ShieldRule,
  ctx: PolicyContext,
  parent: unknown = undefined,
  args: Record<string, unknown> = {},
  info?: GraphQLResolveInfo,
): Promise<Decision> {
  let result: unknown;
  try {
    result = await (policyRule as unknown as { resolve: Function }).resolve(parent, args, ctx, info, SHIELD_OPTIONS);
  } catch (error) {
    result = error;
  }
  if (result === true) return { allowed: true };
  if (result instanceof PolicyDenial) return { allowed: false, denial: result };
  return { allowed: false, denial: new PolicyDenial('NO_RULE', result instanceof Error ? 'policy rule failed' : 'denied by policy') };
}
