import { isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { ACCESS_TABLE, PURPOSE_FREE } from '../policy/accessTable';
import { ROLES, type Category } from '../policy/vocabulary';
import type { FieldPolicy, PolicyMap } from './readPolicyMap';

/**
 * Fields the policy can remove while their siblings stay: root fields, and fields more
 * restricted than their type's usual fields (a category some role may not see where it sees
 * the usual one, or systems whose training the usual fields do not need). Such a field must be
 * nullable, or removing it would null its parent as well (GraphQL's null propagation) and a
 * caller would lose what they may see. Returns the coordinates that break this rule.
 */
export function nonNullRemovableFields(schema: GraphQLSchema, policy: PolicyMap): string[] {
  const problems: string[] = [];
  const query = schema.getQueryType()?.name;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === schema.getMutationType()?.name) continue;
    const fields = Object.values(type.getFields()).map((field) => ({ field, policy: policy.get(`${type.name}.${field.name}`) }));
    const usual = mostCommon(fields.map((f) => f.policy).filter((p): p is FieldPolicy => !!p));
    for (const { field, policy: own } of fields) {
      const removable = type.name === query || !own || !usual || !atLeastAsOpen(own, usual);
      if (removable && isNonNullType(field.type)) problems.push(`${type.name}.${field.name}`);
    }
  }
  return problems.sort();
}

/** Whoever may see a `usual` field may see this one too. */
function atLeastAsOpen(own: FieldPolicy, usual: FieldPolicy): boolean {
  if (!own.category || !usual.category) return own.category === usual.category;
  const systemsCovered = usual.systems.every((system) => own.systems.includes(system));
  return systemsCovered && ROLES.every((role) => grantCovers(own.category!, usual.category!, role));
}

function grantCovers(own: Category, usual: Category, role: (typeof ROLES)[number]): boolean {
  const usualGrant = ACCESS_TABLE[role][usual];
  if (!usualGrant) return true;
  const ownGrant = ACCESS_TABLE[role][own];
  if (!ownGrant) return false;
  if (PURPOSE_FREE.has(own)) return true;
  return !PURPOSE_FREE.has(usual) && usualGrant.every((purpose) => ownGrant.includes(purpose));
}

function mostCommon(policies: FieldPolicy[]): FieldPolicy | undefined {
  const counts = new Map<string, { policy: FieldPolicy; count: number }>();
  for (const policy of policies) {
    const key = `${policy.category}|${[...policy.systems].sort().join(',')}`;
    const entry = counts.get(key) ?? { policy, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.policy;
}
