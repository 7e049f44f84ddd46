import { hash } from 'node:crypto';
import { Kind, parse, print, stripIgnoredCharacters, visit, type FloatValueNode, type IntValueNode, type StringValueNode, type VariableNode } from 'graphql';

const sha256 = (text: string) => hash('sha256', text, 'hex');

/** How the audit keeps an identifying input value: `sha256:<hex>` of its text, never the value. */
const hashedValue = (value: unknown): string => `sha256:${sha256(String(value))}`;

/** Variable values are identifying inputs: the audit keeps their hashes (as it keeps inline literals). */
export function hashedVariables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hashedVariables);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hashedVariables(v)]));
  return value == null ? value : hashedValue(value);
}

/** The operation as the audit keeps it [P18], and the hashes of the values written into it. */
export interface AuditedDocument {
  /** Normalized (no comments or insignificant whitespace), every literal value a placeholder `$literalN`. */
  document: string | null;
  /** SHA-256 of `document`: the same operation shape hashes the same, whatever values it was sent with. */
  documentHash: string | null;
  /** `literalN` → `sha256:<hex>` of the value's text, as variables are kept. */
  literals: Record<string, string>;
}

const known = new Map<string, AuditedDocument>();

/**
 * Inline values are identifying inputs as much as variables are (a name and a date of birth
 * written into the query text): the stored text carries a placeholder for each string and
 * number, and the event their hashes, as Apollo's operation signatures hide literals. A text
 * that does not parse is kept by its hash only, since what it holds cannot be told apart.
 */
export function auditedDocument(source: string | undefined): AuditedDocument {
  if (!source) return { document: null, documentHash: null, literals: {} };
  let audited = known.get(source);
  // Stryker disable next-line ConditionalExpression: a cache of the texts seen; a text audited again is audited identically
  if (!audited) {
    audited = hideLiterals(source);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's bound (its size, never its answers)
    if (known.size >= 2000) known.delete(known.keys().next().value!);
    known.set(source, audited);
  }
  return audited;
}

function hideLiterals(source: string): AuditedDocument {
  let parsed;
  try {
    parsed = parse(source, { noLocation: true });
  } catch {
    return { document: null, documentHash: sha256(source), literals: {} };
  }
  const literals: Record<string, string> = {};
  let count = 0;
  // Only strings and numbers: booleans, nulls, enums and variables say nothing of a person and are kept as written.
  const placeholder = (node: StringValueNode | IntValueNode | FloatValueNode): VariableNode => {
    const name = `literal${++count}`;
    literals[name] = hashedValue(node.value);
    return { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } };
  };
  const hidden = visit(parsed, { StringValue: placeholder, IntValue: placeholder, FloatValue: placeholder });
  const document = stripIgnoredCharacters(print(hidden));
  return { document, documentHash: sha256(document), literals };
}
