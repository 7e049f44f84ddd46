import { Kind, type ConstDirectiveNode } from 'graphql';
import { CATEGORY_NAMES, type Category } from '../policy/vocabulary';

export class PolicyVocabularyError extends Error {}

/** A directive's string argument, if given as a string. */
export function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const argument = directive?.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/**
 * The category of `@policy` among `directives`, or null without one. An unknown category stops
 * start-up (and composition): a typo must not silently open or close a field.
 */
export function policyCategoryOf(directives: readonly ConstDirectiveNode[] | undefined, where: string): Category | null {
  const value = stringArgument(directives?.find((d) => d.name.value === 'policy'), 'category');
  if (value === undefined) return null;
  if (!(CATEGORY_NAMES as string[]).includes(value)) {
    throw new PolicyVocabularyError(`unknown @policy category "${value}" on ${where}; known: ${CATEGORY_NAMES.join(', ')}`);
  }
  return value as Category;
}

/** The names of the `@recordRule`s among `directives`, in order. */
export const recordRuleNames = (directives: readonly ConstDirectiveNode[] | undefined): string[] =>
  (directives ?? []).filter((d) => d.name.value === 'recordRule').map((d) => stringArgument(d, 'name') ?? '');
