import { buildSchema, execute, parse, printSchema, type GraphQLSchema } from 'graphql';
import type { PolicyMap } from '../../directives/readPolicyMap';
import { evaluateRule } from '../../policy/evaluateRule';
import { fieldRule } from '../../policy/rules';
import { policyContext, type DeclaredPurpose, type Subject } from '../../policy/Subject';

/**
 * What the policy says a caller may see, computed apart from the gateway: every field of the
 * policy map is decided for (subject, purpose) with the policy's own rules, then an answer's
 * data is walked along its document (aliases, fragments and all) and every field that came
 * back non-null is checked against that decision.
 */
export class PolicyOracle {
  private readonly allowed = new Map<string, Promise<ReadonlySet<string>>>();
  private readonly plain: GraphQLSchema;

  constructor(
    apiSchema: GraphQLSchema,
    private readonly policyMap: PolicyMap,
  ) {
    this.plain = buildSchema(printSchema(apiSchema));
  }

  /** Fields the caller may see for this purpose (a field with no category: none may). */
  allowedFields(subject: Subject, purpose: DeclaredPurpose | null): Promise<ReadonlySet<string>> {
    const key = `${subject.id}|${subject.roles.join(',')}|${purpose?.code ?? '-'}`;
    let allowed = this.allowed.get(key);
    if (!allowed) {
      allowed = (async () => {
        const context = policyContext(subject, purpose);
        const decided = await Promise.all(
          [...this.policyMap].map(async ([coordinate, policy]) =>
            policy.category && (await evaluateRule(fieldRule(policy.category, policy.systems), context)).allowed ? coordinate : null,
          ),
        );
        return new Set(decided.filter((c): c is string => c !== null));
      })();
      this.allowed.set(key, allowed);
    }
    return allowed;
  }

  /** Schema coordinates of every field that has a non-null value in `data`. */
  returnedFields(query: string, operationName: string | undefined, variables: Record<string, unknown> | undefined, data: unknown): Set<string> {
    const returned = new Set<string>();
    execute({
      schema: this.plain,
      document: parse(query),
      operationName,
      variableValues: variables,
      rootValue: data,
      fieldResolver: (source: Record<string, unknown> | null, _args, _context, info) => {
        const value = source?.[info.path.key as string];
        if (value !== null && value !== undefined) returned.add(`${info.parentType.name}.${info.fieldName}`);
        return value;
      },
    });
    return returned;
  }

  /** Fields the answer returned that the policy denies this caller for this purpose. */
  async deniedButReturned(
    subject: Subject,
    purpose: DeclaredPurpose | null,
    request: { query: string; operationName?: string; variables?: Record<string, unknown> },
    data: unknown,
  ): Promise<string[]> {
    const allowed = await this.allowedFields(subject, purpose);
    return [...this.returnedFields(request.query, request.operationName, request.variables, data)].filter((field) => !allowed.has(field));
  }
}
