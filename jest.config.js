/** Jest runs TypeScript through SWC (fast, no type check: `tsc --noEmit` runs first in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/__tests__/**/*-test.ts', '<rootDir>/test/**/*-test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/data/', '<rootDir>/.stryker-tmp/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // jose and other ESM-only packages must be transformed too.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 60000,
  maxWorkers: 2,
};
