import { ermsError } from '../../../platform/errors/ErrorCode';
import type { DocumentOwner, TrustedDocument } from '../../../subgraphs/governance/agreements/TrustedDocuments';

/** Finds a published operation by owner and hash (cached by the caller as it sees fit). */
export type FindTrustedDocument = (owner: DocumentOwner, sha256: string) => Promise<TrustedDocument | null>;

/** The operation a request ran, for the audit [P18]. */
export interface TrustedDocumentUsed {
  name: string;
  version: number;
  sha256: string;
}

const HASH = /^(?:sha256:)?([0-9a-f]{64})$/;

const notApproved = (message: string, reason: string, owner: DocumentOwner) =>
  ermsError('OPERATION_NOT_APPROVED', message, { reason, ...('agreement' in owner ? { agreement: owner.agreement } : {}) });

/**
 * [P14] Trusted documents, before parsing: a caller held to them may send only the id of an
 * operation approved for it, as `extensions.persistedQuery.sha256Hash` (Apollo's persisted
 * query lists) or `documentId` (GraphQL over HTTP, Hive's trusted documents); free text is
 * refused with OPERATION_NOT_APPROVED, and never parsed. The approved text replaces the id in
 * the parsed body, so every later stage sees the operation as published.
 */
export async function resolveTrustedDocument(body: unknown, owner: DocumentOwner, find: FindTrustedDocument): Promise<TrustedDocumentUsed> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw notApproved('approved operations are sent by POST, as a JSON body naming the operation by its id', 'NOT_A_DOCUMENT_ID', owner);
  }
  const request = body as { query?: unknown; documentId?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown> };
  if (request.query !== undefined && request.query !== null && request.query !== '') {
    throw notApproved('only operations approved for you run: send its id (extensions.persistedQuery.sha256Hash or documentId), not its text', 'FREE_TEXT', owner);
  }
  const id = request.documentId ?? request.extensions?.persistedQuery?.sha256Hash;
  const match = typeof id === 'string' ? HASH.exec(id) : null;
  if (!match) throw notApproved('send the id of an approved operation: its SHA-256, 64 lower-case hex digits', 'NOT_A_DOCUMENT_ID', owner);
  const document = await find(owner, match[1]!);
  if (!document) throw notApproved(`operation ${match[1]} is not approved for ${'agreement' in owner ? `agreement ${owner.agreement}` : owner.client}`, 'NOT_APPROVED', owner);
  if (!document.valid) {
    throw notApproved(`operation ${document.name} v${document.version} is no longer valid against the schema (${document.invalidReason ?? 'revalidation failed'}): it must be published again`, 'INVALIDATED', owner);
  }
  request.query = document.body;
  delete request.documentId;
  if (request.extensions) delete request.extensions.persistedQuery;
  return { name: document.name, version: document.version, sha256: document.sha256 };
}
