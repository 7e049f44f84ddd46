/**
 * `npm run compose`: writes the composed supergraph to `schema/supergraph.graphql`, the file
 * frontend teams generate types from. A test fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config/loadConfig';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { composeSupergraph } from '../schema/composeSupergraph';
import { SCHEMA_DIR } from '../schema/loadSdl';
import { answerHelp } from './answerHelp';

answerHelp(`
usage: npm run compose

Composes the subgraphs' SDL (schema/*.graphql) and writes schema/supergraph.graphql, the file
frontend teams generate types from. A test fails when it is out of date.
`);

const config = loadConfig({});
const sdl = composeSupergraph(SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url })));
const file = path.join(SCHEMA_DIR, 'supergraph.graphql');
writeFileSync(file, sdl);
console.log(`wrote ${path.relative(process.cwd(), file)} (${sdl.length} characters)`);
