import type { PolicyDenial } from '../../../policy/PolicyDenial';
import type { PolicyContext } from '../../../policy/Subject';

/**
 * Field rules (policy/rules.ts `fieldRule`: the category's grant and the systems' training)
 * read only the caller's roles, current trainings and declared purpose code. Callers with the
 * same three get the same decision for a field, so decisions are kept per permission set and
 * the rules run once per (permission set, field), not once per request.
 * A partner's rules also read its kind and its agreement [P14] (whose terms never change once
 * approved: an amendment is a new agreement, with a new number).
 * A field rule that reads anything else (arguments, the agency, the time) must widen this key.
 */
export function permissionKey(policy: PolicyContext): string {
  const { subject, purpose } = policy;
  return `${[...subject.roles].sort().join(',')}|${[...subject.currentTrainings].sort().join(',')}|${purpose?.code ?? ''}|${subject.kind}|${subject.agreement?.number ?? ''}`;
}

/** Decisions by permission set and schema coordinate; `null` is allowed. Bounded: oldest set forgotten first. */
export class FieldDecisions {
  private readonly sets = new Map<string, Map<string, PolicyDenial | null>>();

  constructor(private readonly maxSets = 1000) {}

  forSet(key: string): Map<string, PolicyDenial | null> {
    let decisions = this.sets.get(key);
    if (!decisions) {
      if (this.sets.size >= this.maxSets) this.sets.delete(this.sets.keys().next().value!);
      this.sets.set(key, (decisions = new Map()));
    }
    return decisions;
  }
}
