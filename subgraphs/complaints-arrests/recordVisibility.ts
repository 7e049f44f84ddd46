import { evaluateRule } from '../../policy/evaluateRule';
import { juvenileRecordVisible, sealedRecordVisible } from '../../policy/rules';
import type { PolicyContext } from '../../policy/Subject';

/**
 * Which sealed and juvenile complaints and arrests a caller may see [P12]. The policy's own
 * record rules are asked once a request, about a sealed and a juvenile record; the store then
 * leaves hidden records out in SQL, so lists keep their page size, counts count only what the
 * caller may see, and a hidden record looked up by number is simply not there.
 */
export interface RecordVisibility {
  sealed: boolean;
  juvenile: boolean;
}

/** No caller to ask about: fail closed. */
const NOTHING_RESTRICTED_VISIBLE: RecordVisibility = { sealed: false, juvenile: false };

const asked = new WeakMap<PolicyContext, Promise<RecordVisibility>>();

export function recordVisibilityOf(policy: PolicyContext | undefined): Promise<RecordVisibility> {
  if (!policy) return Promise.resolve(NOTHING_RESTRICTED_VISIBLE);
  let visibility = asked.get(policy);
  if (!visibility) {
    visibility = (async () => ({
      sealed: (await evaluateRule(sealedRecordVisible, policy, { sealed: true })).allowed,
      juvenile: (await evaluateRule(juvenileRecordVisible, policy, { juvenile: true })).allowed,
    }))();
    asked.set(policy, visibility);
  }
  return visibility;
}

/** The SQL condition keeping the records `visibility` allows, on a row with `sealed` and `juvenile` columns. */
export function visibleSql(visibility: RecordVisibility, alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const conditions = [
    ...(visibility.sealed ? [] : [`NOT ${column('sealed')}`]),
    ...(visibility.juvenile ? [] : [`NOT ${column('juvenile')}`]),
  ];
  return conditions.length ? conditions.join(' AND ') : 'true';
}

export const visibilityKey = (visibility: RecordVisibility) => `${visibility.sealed}:${visibility.juvenile}`;
