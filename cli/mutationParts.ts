/**
 * The security core, cut into the parts mutation testing measures one at a time (issue 27,
 * docs/mutation.md). Each part's mutants run against that part's own unit suites only: a rule
 * of the part must be caught by its own tests, not incidentally by a neighbour's (each layer of
 * a defence in depth tested alone), and a mutant loads a few test files, not the dozens that
 * read a widely used module.
 *
 * `code`: folders (every `.ts` under them, tests apart) or single files; `tests`: folders (their
 * `__tests__` at any depth) or single suites. A file of the core belongs to exactly one part
 * (cli/__tests__/mutationParts-test.ts).
 */
export interface MutationPart {
  name: string;
  /** What the part is, in a line. */
  about: string;
  code: readonly string[];
  tests: readonly string[];
  /**
   * Skip static mutants (code run when a module loads, before any test). Only the policy's: they
   * are the rows of its tables, run against the suites that state each row by
   * `npm run test:mutation:tables`. Every other part runs its static mutants, each against all of
   * the part's suites (seconds each): skipped, a factory or a schema a suite builds when it loads
   * would leave every mutant of that code out of the score, unseen.
   */
  ignoreStatic?: true;
}

const stages = (...names: string[]) => names.map((name) => `gateway/stages/${name}`);

export const MUTATION_PARTS: readonly MutationPart[] = [
  { name: 'policy', about: 'the access table, the rules, purposes, agreements, statutory exceptions', code: ['policy'], tests: ['policy'], ignoreStatic: true },
  { name: 'directives', about: 'the readers of @policy, @protectedCharacteristic, @constraint, @recordRule', code: ['directives'], tests: ['directives'] },
  { name: 'identity', about: 'bearer tokens, the signed subgraph context, call signatures, cursors', code: ['platform/identity'], tests: ['platform/identity'] },
  {
    name: 'edge-stages',
    about: 'authentication, rate limits, the declared purpose, the legal guards, introspection',
    code: [...stages('authenticate', 'rateLimit', 'purpose', 'guards', 'introspection'), 'gateway/stages/Stage.ts'],
    tests: stages('authenticate', 'rateLimit', 'purpose', 'guards', 'introspection'),
  },
  {
    name: 'operation-stages',
    about: 'operation limits by role, protected characteristics, field policy',
    code: stages('operationLimits', 'protectedCharacteristics', 'fieldPolicy'),
    tests: stages('operationLimits', 'protectedCharacteristics', 'fieldPolicy'),
  },
  {
    name: 'audit',
    about: "the gateway's audit stage, the audit log's writer and its verifier",
    code: [...stages('audit'), 'subgraphs/governance/audit/AuditLog.ts', 'subgraphs/governance/audit/verifyAuditChain.ts', 'subgraphs/governance/audit/checkpoints.ts'],
    tests: [...stages('audit'), 'subgraphs/governance/audit'],
  },
  {
    name: 'records-and-partners',
    about: "the record rules (the subgraph's middleware and its SQL condition), partner agreements, trusted documents, saved queries",
    code: ['subgraphs/recordPolicy.ts', 'subgraphs/complaints-arrests/recordVisibility.ts', ...stages('partnerAgreement', 'trustedDocuments', 'savedQueries')],
    tests: ['subgraphs/__tests__/recordPolicy-test.ts', 'subgraphs/__tests__/recordPolicyRules-test.ts', 'subgraphs/complaints-arrests/__tests__/recordVisibilityRules-test.ts', ...stages('partnerAgreement', 'trustedDocuments', 'savedQueries')],
  },
];

/** Stryker's `mutate` globs for a part's code. */
export const mutateGlobs = (part: MutationPart): string[] => [...part.code.map((entry) => (entry.endsWith('.ts') ? entry : `${entry}/**/*.ts`)), '!**/__tests__/**'];
