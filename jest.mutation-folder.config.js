/**
 * One folder of the security core against its own unit suites only (docs/mutation.md, "folder
 * by folder"): MUTATION_FOLDER=platform/identity. A rule of that folder must be caught by the
 * folder's own tests, not incidentally by a gateway stage's; and a mutant loads a few test files
 * instead of the dozens that read a widely used module (9 s of loading a mutant, measured).
 */
const base = require('./jest.mutation.config.js');

const folder = process.env.MUTATION_FOLDER;
if (!folder || !/^[\w-]+(\/[\w-]+)*$/.test(folder)) throw new Error('set MUTATION_FOLDER to a folder of the security core, e.g. MUTATION_FOLDER=platform/identity');

module.exports = { ...base, testMatch: [`<rootDir>/${folder}/**/__tests__/**/*-test.ts`] };
