import type { GraphQLRequest } from '@apollo/server';
import { Supergraph } from '@apollo/federation-internals';
import type { Database } from '../../../platform/storage/Database';
import type { Subject } from '../../../policy/Subject';
import type { InvestigationAuthorization } from '../../../subgraphs/governance/directory/DirectoryStore';
import { SavedQueryExports } from '../../../subgraphs/governance/workspace/SavedQueryExports';
import { SavedQueryRuns } from '../../../subgraphs/governance/workspace/SavedQueryRuns';
import { SavedQuerySchedules } from '../../../subgraphs/governance/workspace/SavedQuerySchedules';
import { SavedQueryStore } from '../../../subgraphs/governance/workspace/SavedQueryStore';
import { seedExampleLibrary } from '../../../subgraphs/governance/workspace/seedExampleLibrary';
import type { GatewayContext } from '../../GatewayContext';
import { serveExports, sweepExpired } from '../../routes/serveExports';
import { revalidateSavedQueries } from './revalidateSavedQueries';
import { runDueSchedules } from './runSchedules';
import type { AuditWriter } from '../audit/auditStage';
import type { SavedQueriesStageOptions } from './savedQueriesStage';

/** Analysts' saved queries in the gateway: configuration read once (cli/) and passed down. */
export interface SavedQueriesOptions {
  /** The governance store, where saved queries, runs, exports and schedules live. */
  db: Database;
  /** Where export files are written. */
  exportsDir: string;
  /** Days an export is kept before it is removed (EXPORT_TTL_DAYS, default 30). */
  exportTtlDays: number;
  /** Most rows one export writes (default 500 000). */
  maxExportRows?: number;
  /** The owner as the directory has them now, uncached, for scheduled runs [P8]. */
  subjectOf: (id: string) => Promise<Subject | null>;
  /** How often the scheduler looks for due schedules; 0: no scheduler in this process. */
  scheduleEveryMs: number;
  /** Add the example library's queries missing from the store at start (the embedded default does). */
  seedLibrary?: boolean;
  /** Called with what revalidation at start found (for the operators' log). */
  revalidated?: (summary: { checked: number; broken: number; librarySeeded: number }) => void;
}

export interface SavedQueriesWiring {
  /** What the pipeline's saved-queries stage reads (gateway/pipeline.ts). */
  stage: SavedQueriesStageOptions;
  serveExports: ReturnType<typeof serveExports>;
  /** Starts the scheduler; `execute` runs an operation through the gateway's stages. */
  start(execute: (request: GraphQLRequest, context: GatewayContext) => Promise<void>): Promise<void>;
  stop(): void;
}

/**
 * Everything the gateway needs for saved queries, from the supergraph it composed: the stage
 * that runs them, the export route, revalidation at start (and the example library, when
 * asked), and the bounded scheduler.
 */
export function createSavedQueries(
  options: SavedQueriesOptions,
  gateway: {
    supergraphSdl: string;
    audit: AuditWriter;
    authenticate: (authorization: string | undefined) => Promise<Subject>;
    findAuthorization: (number: string) => Promise<InvestigationAuthorization | null>;
    maxBodyBytes: number;
    graphqlUrl: () => string;
  },
): SavedQueriesWiring {
  const apiSchema = Supergraph.build(gateway.supergraphSdl).apiSchema().toGraphQLJSSchema();
  const store = new SavedQueryStore(options.db);
  const runs = new SavedQueryRuns(options.db);
  const exports = new SavedQueryExports(options.db);
  const schedules = new SavedQuerySchedules(options.db);
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<unknown> | null = null;
  return {
    stage: { store, exports, runs, apiSchema },
    serveExports: serveExports({
      authenticate: gateway.authenticate, audit: gateway.audit, store, exports, runs, directory: options.exportsDir, ttlDays: options.exportTtlDays,
      maxRows: options.maxExportRows ?? 500_000, maxBodyBytes: gateway.maxBodyBytes, graphqlUrl: gateway.graphqlUrl,
    }),
    async start(execute) {
      // The supergraph may have changed since the queries were saved: mark what no longer validates.
      const librarySeeded = options.seedLibrary ? await seedExampleLibrary(options.db, apiSchema) : 0;
      const summary = await revalidateSavedQueries(store, apiSchema);
      options.revalidated?.({ ...summary, librarySeeded });
      if (!options.scheduleEveryMs) return;
      const tick = () => {
        if (ticking) return; // one tick at a time
        ticking = Promise.all([
          runDueSchedules({ schedules, runs, sources: { store, exports, apiSchema }, audit: gateway.audit, subjectOf: options.subjectOf, findAuthorization: gateway.findAuthorization, execute }),
          sweepExpired({ exports, directory: options.exportsDir }),
        ])
          .catch(() => undefined) // the next tick tries again; each run's outcome is recorded by itself
          .finally(() => (ticking = null));
      };
      timer = setInterval(tick, options.scheduleEveryMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
