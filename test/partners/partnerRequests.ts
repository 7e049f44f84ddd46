import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { publishOperations } from '../../gateway/stages/trustedDocuments/publishOperations';
import { publicationSchema } from '../../gateway/stages/trustedDocuments/validateOperation';
import { AgreementStore } from '../../subgraphs/governance/agreements/AgreementStore';
import { TrustedDocuments, type DocumentOwner } from '../../subgraphs/governance/agreements/TrustedDocuments';
import { postBody, type GraphQLResponse } from '../harness/startTestSubgraph';
import { purposeHeaders, type Purpose, type TestStack } from '../harness/startTestStack';

/** The development agreements (subgraphs/governance/agreements/seedAgreements.ts). */
export const DA = 'DA-KINGS-2026-01';
export const NEIGHBOUR = 'PD-NASSAU-2026-01';
export const EXPIRED = 'DA-RICHMOND-2024-01';
export const PROSECUTION: Purpose = { code: 'PROSECUTION', caseNumber: 'IND-01234-2026', justification: 'Grand jury presentation, robbery in the 75 precinct' };
export const INVESTIGATION: Purpose = { code: 'CRIMINAL_INVESTIGATION', caseNumber: '2026-NC-000417', justification: 'Fugitive located in Nassau County' };

const OPERATIONS_DIR = path.join(__dirname, '..', '..', 'docs', 'partner-operations');

/** The example operations of docs/partner-operations/<agreement>/, by operation name. */
export function exampleOperations(agreement: string): { file: string; text: string }[] {
  const dir = path.join(OPERATIONS_DIR, agreement);
  return readdirSync(dir).filter((f) => f.endsWith('.graphql')).map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Publishes as `npm run operations -- publish` does; returns each operation's id (SHA-256) by name. */
export async function publish(stack: TestStack, owner: DocumentOwner, files: { file: string; text: string }[], by = 'privacy-officer'): Promise<Record<string, string>> {
  const outcome = await publishOperations(files, owner, publicationSchema(stack.gateway.supergraphSdl), { documents: new TrustedDocuments(stack.governanceDb), agreements: new AgreementStore(stack.governanceDb) }, by);
  if (!outcome.published) throw new Error(`not published: ${JSON.stringify(outcome.problems)}`);
  return Object.fromEntries(outcome.results.map((r) => [r.name, r.sha256]));
}

/** POSTs a request body as a partner (or anyone): bearer token and purpose headers. */
export async function send(stack: TestStack, userId: string, purpose: Purpose | null, body: Record<string, unknown>, tokenOptions = {}): Promise<GraphQLResponse & { status: number }> {
  const token = await stack.token(userId, tokenOptions);
  return postBody(stack.gateway.url, JSON.stringify(body), { authorization: `Bearer ${token}`, ...purposeHeaders(purpose) });
}

/** An approved operation by its id, as Apollo's persisted queries send it. */
export const byHash = (sha256: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } });
/** The same, as GraphQL over HTTP's `documentId` (Hive's trusted documents). */
export const byDocumentId = (sha256: string, variables: Record<string, unknown> = {}) => ({ documentId: `sha256:${sha256}`, variables });

export const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code ?? null;
export const extensionsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions ?? null;
