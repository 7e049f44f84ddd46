/**
 * One part of the security core against its own unit suites only (docs/mutation.md, "folder by
 * folder"): MUTATION_FOLDER=platform/identity, or several, comma-separated, each a folder (its
 * `__tests__` at any depth) or one suite (`subgraphs/__tests__/recordPolicy-test.ts`). A rule of
 * that folder must be caught by the folder's own tests, not incidentally by a gateway stage's; and
 * a mutant loads a few test files instead of the dozens that read a widely used module.
 */
const base = require('./jest.mutation.config.js');

const parts = (process.env.MUTATION_FOLDER ?? '').split(',').map((part) => part.trim()).filter(Boolean);
if (parts.length === 0 || !parts.every((part) => /^[\w.-]+(\/[\w.-]+)*$/.test(part) && !part.includes('..'))) {
  throw new Error('set MUTATION_FOLDER to folders or suites of the security core, e.g. MUTATION_FOLDER=platform/identity');
}

module.exports = {
  ...base,
  testMatch: parts.map((part) => (part.endsWith('-test.ts') ? `<rootDir>/${part}` : `<rootDir>/${part}/**/__tests__/**/*-test.ts`)),
};
