import type { BaseContext } from '@apollo/server';
import type { DeclaredPurpose, PolicyContext, Subject } from '../policy/Subject';
import type { RemovedFields } from './stages/fieldPolicy/rewriteOperation';
import type { RecordsReturned } from './stages/audit/recordKeys';

/** What the gateway knows about one request as it moves through the stages. */
export interface GatewayContext extends BaseContext {
  requestId: string;
  /** The client's address as the gateway's socket sees it (for the audit [P18]). */
  sourceAddress: string | null;
  subject: Subject;
  purpose: DeclaredPurpose | null;
  /** Purpose headers not sent (when `purpose` is null). */
  missingPurposeHeaders: string[];
  policy: PolicyContext;
  /** Schema coordinates the operation asked for, before any removal (set by the field-policy stage). */
  requestedFields?: string[];
  /** Fields removed before planning (set by the field-policy stage). */
  removed?: RemovedFields;
  /** Subgraphs this request called (for the audit). */
  subgraphsCalled?: Set<string>;
  /** Uses the audit must be able to list, e.g. FACIAL_RECOGNITION_PROBE [P4]. */
  flags?: string[];
  /** The records the answer released, per type (set by the field-policy stage, for the audit). */
  recordsReturned?: RecordsReturned;
  /** [P14] the published operation this request ran (a partner's, or an opted-in client's), for the audit. */
  trustedDocument?: { name: string; version: number; sha256: string };
  /** The signed context every subgraph call carries (set once the operation is allowed). */
  subgraphToken?: string;
}
