import type { RunTrigger } from '../../../subgraphs/governance/workspace/SavedQueryRuns';

/** The saved query a request runs, on the request context (for the run record and the audit event). */
export interface SavedQueryUse {
  id: string;
  /** The version that ran (null when the request was refused before one was chosen). */
  version: number | null;
  trigger: RunTrigger;
  scheduleId?: string;
  exportId?: string;
}

/** What a client puts in `extensions.savedQuery` to run one. */
export interface SavedQueryRef {
  id: string;
  version?: number;
  /** A page of an export the runner started (set by the gateway's export route). */
  exportId?: string;
}
