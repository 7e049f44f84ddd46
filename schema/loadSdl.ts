import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

export const SCHEMA_DIR = __dirname;

/** The SDL of one subgraph, from `schema/<name>.graphql`. */
export function loadSdl(name: string): DocumentNode {
  return parse(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8'));
}
