import type { BaseContext } from '@apollo/server';
import type { DeclaredPurpose, PolicyContext, Subject } from '../policy/Subject';
import type { AuditDraft } from './stages/audit/AuditDraft';

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
  /** What the audit event of this request will say: the stages fill it, the audit stage alone writes it [P18]. */
  audit: AuditDraft;
  /** The signed context every subgraph call carries (signed at the first call). */
  subgraphToken?: Promise<string>;
}

/** The context while the `onRequest` stages build it: who asks and why are not known yet. */
export type PendingContext = Omit<GatewayContext, 'subject' | 'purpose' | 'missingPurposeHeaders' | 'policy'> &
  Partial<Pick<GatewayContext, 'subject' | 'purpose' | 'missingPurposeHeaders' | 'policy'>>;
