import { createHash } from 'node:crypto';
import { Supergraph } from '@apollo/federation-internals';
import { GraphQLError, Kind, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { readPolicyMap, type PolicyMap } from '../../../directives/readPolicyMap';
import { outsideAgreement } from '../../../policy/agreementScope';
import type { AgreementScope } from '../../../policy/Subject';
import { NO_VARIABLES, collectRequestedFields } from '../fieldPolicy/rewriteOperation';

/** The supergraph as publication checks it: the API schema clients see, and every field's policy. */
export interface PublicationSchema {
  api: GraphQLSchema;
  policyMap: PolicyMap;
  /** SHA-256 of the supergraph SDL: a stored operation names the one it was checked against. */
  sha256: string;
}

export function publicationSchema(supergraphSdl: string): PublicationSchema {
  return {
    api: Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema(),
    policyMap: readPolicyMap(supergraphSdl),
    sha256: createHash('sha256').update(supergraphSdl).digest('hex'),
  };
}

/** An operation checked for publication: its name, or why it cannot be published. */
export type CheckedOperation = { ok: true; name: string; document: DocumentNode } | { ok: false; problem: string };

/**
 * [P14] Whether an operation may be approved for an agreement: it parses, is one named
 * operation, is valid against the supergraph, and every field it reaches (fragments, nested
 * entities included, as the field-policy stage collects them) is one the agreement grants:
 * its category, a system serving it, and, for record data, one of the agreement's purposes.
 * An operation reaching outside the agreement is refused here, naming the field, not at run time.
 * `agreement` null: an internal client's operation, checked against the supergraph only.
 */
export function validateOperation(text: string, schema: PublicationSchema, agreement: AgreementScope | null): CheckedOperation {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    return { ok: false, problem: `does not parse: ${(error as GraphQLError).message}` };
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return { ok: false, problem: `holds ${operations.length} operations: publish one operation per file` };
  const operation = operations[0]!;
  if (!operation.name) return { ok: false, problem: 'the operation needs a name (it is versioned by name)' };
  const errors = validate(schema.api, document, specifiedRules);
  if (errors.length) return { ok: false, problem: `not valid against the supergraph: ${errors.map((e) => e.message).join('; ')}` };
  if (agreement) {
    // Meta fields (__typename) are no data: the collection leaves them out.
    for (const field of collectRequestedFields(schema.api, document, NO_VARIABLES)) {
      const policy = schema.policyMap.get(field.coordinate);
      if (!policy?.category) return { ok: false, problem: `${field.coordinate} has no policy category: no agreement grants it` };
      // Purposes are checked at run time (the request declares one); here: category and system.
      const denial = outsideAgreement(agreement, policy.category, policy.systems, null);
      if (denial) return { ok: false, problem: `${field.coordinate} is outside agreement ${agreement.number}: ${denial.message}` };
    }
  }
  return { ok: true, name: operation.name.value, document };
}
