/**
 * The suites StrykerJS runs against each mutant of the security core (issue 27, docs/mutation.md).
 * Unit suites beside the mutated code only. A suite over a whole stack (test/) or one that opens
 * a store for its own data covers policy code incidentally, and every mutant it covers would
 * start that stack or store again: minutes a mutant instead of a second.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/policy/**/__tests__/**/*-test.ts',
    '<rootDir>/directives/**/__tests__/**/*-test.ts',
    '<rootDir>/gateway/stages/**/__tests__/**/*-test.ts',
    '<rootDir>/platform/identity/**/__tests__/**/*-test.ts',
    // The record rules: the subgraph's middleware alone, and the SQL condition alone.
    '<rootDir>/subgraphs/__tests__/recordPolicy-test.ts',
    '<rootDir>/subgraphs/__tests__/recordPolicyRules-test.ts',
    '<rootDir>/subgraphs/complaints-arrests/__tests__/recordVisibilityRules-test.ts',
    // The audit log's writer and its verifier, over an in-memory store that keeps the statements'
    // contract (the statements themselves run on a real store in governance/__tests__/auditLog-test.ts).
    '<rootDir>/subgraphs/governance/audit/**/__tests__/**/*-test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/data/', '<rootDir>/.stryker-tmp/'],
  // A mutant that leaves a promise pending (an append never answered) fails its test here, in
  // seconds, instead of reaching Stryker's timeout, which restarts the whole test runner.
  testTimeout: 5000,
};
