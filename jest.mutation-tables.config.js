/**
 * The suites that state the policy's tables row by row (issue 27, docs/mutation.md). A table is
 * built when its module loads, so each of its mutants runs every suite of the configuration
 * (a "static" mutant): only these, so a row removed or changed costs seconds to find.
 */
const base = require('./jest.mutation.config.js');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/policy/__tests__/accessTable-test.ts',
    '<rootDir>/policy/__tests__/separationOfDuties-test.ts',
    '<rootDir>/policy/__tests__/searchCriterion-test.ts',
    '<rootDir>/policy/__tests__/rules-test.ts',
    '<rootDir>/policy/__tests__/statutoryExceptions-test.ts',
    '<rootDir>/policy/__tests__/operationLimitsTable-test.ts',
    '<rootDir>/gateway/stages/operationLimits/__tests__/limitsByRole-test.ts',
    '<rootDir>/gateway/stages/operationLimits/__tests__/limitsFor-test.ts',
    '<rootDir>/subgraphs/complaints-arrests/__tests__/recordVisibilityRules-test.ts',
  ],
};
