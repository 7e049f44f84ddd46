import { and, rule } from 'graphql-shield';
/** A rule or a combination of rules (graphql-shield does not export the type from its entry point). */
export type ShieldRule = Parameters<typeof and>[number];
import { ACCESS_TABLE, JUVENILE_RECORD_ROLES, PURPOSE_FREE } from './accessTable';
import { sealedRecordsOpen } from './statutoryExceptions';
import { PolicyDenial } from './PolicyDenial';
import { isPartner, outsideAgreement } from './agreementScope';
import type { PolicyContext } from './Subject';
import { SYSTEM_TRAINING, type Category } from './vocabulary';

/**
 * The policy's rules in graphql-shield's algebra. The gateway evaluates field rules during its
 * pre-planning walk (no parent value: caller, purpose and arguments only); the subgraphs
 * evaluate record rules with the record as parent. Rules that depend only on the caller are
 * cached per request ('contextual').
 */

/** A category is allowed when one of the caller's roles grants it for the declared purpose. */
const categoryRules = new Map<Category, ShieldRule>();

/** One rule object per category: shield refuses two different rules under one name. */
export function categoryAllowed(category: Category): ShieldRule {
  let cached = categoryRules.get(category);
  if (!cached) categoryRules.set(category, (cached = categoryRule(category)));
  return cached;
}

function categoryRule(category: Category): ShieldRule {
  // Stryker disable next-line ObjectLiteral: without it the rule is 'no_cache': decided again for each field of the request, same answer (it reads only the caller and the purpose)
  return rule(`category:${category}`, { cache: 'contextual' })((_parent, _args, ctx: PolicyContext) => {
    const { subject, purpose } = ctx;
    // [P14] for a partner agency its written agreement must grant it (said first: the reason it
    // most needs to hear), and the table's PARTNER row stays the ceiling of every agreement.
    const agreementDenial = isPartner(subject) ? outsideAgreement(subject.agreement, category, null, purpose) : null;
    if (agreementDenial) return agreementDenial;
    const grants = subject.roles.flatMap((role) => (ACCESS_TABLE[role][category] ? [ACCESS_TABLE[role][category]!] : []));
    if (grants.length === 0) {
      return new PolicyDenial('MISSING_ROLE', `no role of yours may see ${category} data`, { category, roles: subject.roles });
    }
    if (PURPOSE_FREE.has(category)) return true;
    if (!purpose) return new PolicyDenial('MISSING_PURPOSE', `${category} data needs a declared purpose`, { category });
    if (grants.some((purposes) => purposes.includes(purpose.code))) return true;
    return new PolicyDenial('PURPOSE_NOT_PERMITTED', `${category} data is not available to your roles for ${purpose.code}`, {
      category,
      purpose: purpose.code,
      roles: subject.roles,
    });
  });
}

const trainingRules = new Map<string, ShieldRule>();

/**
 * The caller has current training for at least one of the systems that serve the field [P8].
 * One rule object per set of courses (two systems may share a course): shield refuses two
 * different rules under one name.
 */
export function trainedForAny(systems: readonly string[]): ShieldRule {
  const courses = [...new Set(systems.map((system) => SYSTEM_TRAINING[system]).filter((c): c is string => !!c))].sort();
  const name = `training:${courses.join('|')}`;
  let cached = trainingRules.get(name);
  if (!cached) {
    // Stryker disable next-line ObjectLiteral: without it the rule is 'no_cache': decided again for each field of the request, same answer (it reads only the caller and the purpose)
    cached = rule(name, { cache: 'contextual' })((_parent, _args, ctx: PolicyContext) => {
      if (courses.length === 0 || courses.some((course) => ctx.subject.currentTrainings.includes(course))) return true;
      return new PolicyDenial('MISSING_TRAINING', `training required first: ${courses.join(' or ')}`, { training: courses });
    });
    trainingRules.set(name, cached);
  }
  return cached;
}

const systemRules = new Map<string, ShieldRule>();

/**
 * [P14] a partner reaches a field only through a record system its agreement grants. Judged with
 * the field's own category (an agreement granting names but not record content opens names).
 */
export function agreementSystems(category: Category, systems: readonly string[]): ShieldRule {
  const name = `agreement-systems:${category}@${[...systems].sort().join('|')}`;
  let cached = systemRules.get(name);
  if (!cached) {
    // Stryker disable next-line ObjectLiteral: without it the rule is 'no_cache': decided again for each field of the request, same answer (it reads only the caller and the purpose)
    cached = rule(name, { cache: 'contextual' })((_parent, _args, ctx: PolicyContext) => {
      if (!isPartner(ctx.subject)) return true;
      return outsideAgreement(ctx.subject.agreement, category, systems, null) ?? true;
    });
    systemRules.set(name, cached);
  }
  return cached;
}

const ruleCache = new Map<string, ShieldRule>();

/** The rule of one schema field: its category's grant and the training of the systems serving it. */
export function fieldRule(category: Category, systems: readonly string[]): ShieldRule {
  const key = `${category}@${[...systems].sort().join(',')}`;
  let cached = ruleCache.get(key);
  if (!cached) {
    // Training only gates record systems; the caller's own profile and the directory need none.
    // The role comes first: its refusal is the reason a caller most needs to hear.
    cached = PURPOSE_FREE.has(category) ? categoryAllowed(category) : and(categoryAllowed(category), trainedForAny(systems), agreementSystems(category, systems));
    ruleCache.set(key, cached);
  }
  return cached;
}

// Record rules: evaluated in the subgraphs with the record as `parent`.

export interface SealableRecord {
  sealed?: boolean | null;
}
export interface JuvenileRecord {
  juvenile?: boolean | null;
}

/**
 * [P12] a sealed record only under a statutory exception the caller may use (or to the
 * department's oversight of sealed-record use). A record whose sealing is not known (a reference
 * that came without its flags) counts as sealed: fail closed.
 */
// Stryker disable next-line ObjectLiteral: 'no_cache' is graphql-shield's default
export const sealedRecordVisible: ShieldRule = rule('record:sealed', { cache: 'no_cache' })(
  (record: SealableRecord, _args, ctx: PolicyContext) =>
    record.sealed === false || sealedRecordsOpen(ctx.subject.roles, ctx.purpose) ||
    new PolicyDenial('SEALED_RECORD', 'sealed record'),
);

/** Juvenile records only for the roles whose work needs them; unknown counts as juvenile. */
// Stryker disable next-line ObjectLiteral: 'no_cache' is graphql-shield's default
export const juvenileRecordVisible: ShieldRule = rule('record:juvenile', { cache: 'no_cache' })(
  (record: JuvenileRecord, _args, ctx: PolicyContext) =>
    record.juvenile === false || ctx.subject.roles.some((role) => JUVENILE_RECORD_ROLES.includes(role)) ||
    new PolicyDenial('JUVENILE_RECORD', 'juvenile record'),
);
