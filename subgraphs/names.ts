/** The members of the supergraph: the domain's list, which configuration reads (one port, URL and store per member). */
/** The record sources, each served by its own process. */
export const RECORD_SUBGRAPHS = ['complaints-arrests', 'calls', 'warrants'] as const;
export type RecordSubgraphName = (typeof RECORD_SUBGRAPHS)[number];
/** The commercial providers' subgraph [P3]: its own process, calling the providers over HTTP. */
export const COMMERCIAL_SUBGRAPH = 'commercial';
/** Every member of the supergraph: the record sources, `commercial`, and `governance` (served by the gateway's process). */
export const SUBGRAPH_NAMES = [...RECORD_SUBGRAPHS, COMMERCIAL_SUBGRAPH, 'governance'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
