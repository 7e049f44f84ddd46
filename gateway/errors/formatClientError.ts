import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '../../platform/errors/ErrorCode';
import { isTokenCeilingError } from '../stages/operationLimits/tokenCeiling';
import { internalTextIn } from './internalText';

export interface ClientErrorOptions {
  /** Production: "Did you mean ...?" suggestions are removed, so the schema cannot be guessed at. */
  production: boolean;
  /** The parser's token ceiling (parseOptions.maxTokens), named when a document goes over it. */
  tokenCeiling?: number;
  /** What the client is not shown stays in the operators' log: called with the error as it was. */
  logHidden?: (error: GraphQLFormattedError) => void;
}

const CONTRACT_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Apollo Server's and graphql-js's refusals of a request the client got wrong. */
const REQUEST_ERRORS: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Codes a subgraph may hand on to the client. Not UNAUTHENTICATED: a subgraph that refuses the
 * gateway's signed context is the gateway's failure, not the caller's.
 */
const SUBGRAPH_CODES: ReadonlySet<string> = new Set(ERROR_CODES.filter((code) => code !== 'UNAUTHENTICATED'));

/** Details that only ever describe internals (the subgraph, its URL and HTTP answer, a stack). */
const INTERNAL_EXTENSIONS = new Set(['serviceName', 'response', 'exception', 'stacktrace', 'http']);

const SUGGESTION = / ?Did you mean(.+?)\?$/;
export const VALIDATION_ABORTED = 'Validation aborted.';

type Extensions = Record<string, unknown>;

/**
 * The one place an error becomes what a client sees (Apollo Server's `formatError`, on every
 * error of every response): a code of SPEC §5 and a message that gives no internal detail.
 *  - our own coded errors keep their message and details (a message that would show an
 *    internal, echoed from somewhere, is replaced by a plain one);
 *  - a document or request the client got wrong (syntax, validation, batching, an unknown
 *    operation name) is BAD_USER_INPUT, with Apollo's code as `reason`; a document over the
 *    parser's token ceiling, or too costly to validate, is QUERY_TOO_COMPLEX;
 *  - a subgraph's error keeps its message only with a code of the contract; a subgraph's HTTP
 *    failure (a 4xx or 5xx, which @apollo/gateway reports with the subgraph's URL and body) is
 *    reduced to the coded error inside it, if any;
 *  - anything else (a subgraph down, an exception) is INTERNAL_SERVER_ERROR with a generic message:
 *    no stack, SQL, host, port or path.
 */
export function formatClientError(options: ClientErrorOptions) {
  const clean = (message: string) => (options.production ? message.replace(SUGGESTION, '') : message);
  return (formatted: GraphQLFormattedError, _error?: unknown): GraphQLFormattedError => {
    const extensions: Extensions = { ...formatted.extensions };
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    const fromSubgraph = extensions.serviceName !== undefined || extensions.response !== undefined;

    const hidden = (shown: GraphQLFormattedError) => {
      options.logHidden?.(formatted);
      return shown;
    };
    if (extensions.response !== undefined) {
      const inner = codedErrorIn(extensions.response);
      return inner ? { message: clean(inner.message), ...where, extensions: safeExtensions(inner.extensions) } : hidden(internal(where, true));
    }
    if (REQUEST_ERRORS.has(code) && !fromSubgraph) {
      if (code === 'GRAPHQL_PARSE_FAILED' && isTokenCeilingError(formatted)) {
        const maximum = options.tokenCeiling;
        return {
          message: `operation too complex: more than ${maximum ?? 'the accepted number of'} tokens, the most any role may send; ask for less`,
          ...where,
          extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', ...(maximum ? { value: maximum + 1, maximum } : {}) },
        };
      }
      // graphql-js gives up checking that fields merge when it would cost too much (OverlappingFieldsCanBeMerged).
      if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === VALIDATION_ABORTED) {
        return {
          message: 'operation too complex: too many fields share a response name to check that they merge; ask for less',
          ...where,
          extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'validation' },
        };
      }
      const message = /^Operation batching disabled\.?$/.test(formatted.message)
        ? 'batched requests are not accepted: send one operation per request'
        : clean(formatted.message);
      return { message, ...where, extensions: { code: 'BAD_USER_INPUT', reason: code } };
    }
    if (CONTRACT_CODES.has(code) && (!fromSubgraph || SUBGRAPH_CODES.has(code))) {
      const message = internalTextIn(formatted.message) ? `refused: ${code}` : clean(formatted.message);
      return { message, ...where, extensions: safeExtensions(extensions) };
    }
    // A subgraph that cannot be reached fails the fetch itself: no service name, only the errno.
    return hidden(internal(where, fromSubgraph || internalTextIn(formatted.message) === 'a network error'));
  };
}

function internal(where: Pick<GraphQLFormattedError, 'locations' | 'path'>, fromSubgraph: boolean): GraphQLFormattedError {
  const message = fromSubgraph ? 'a record source could not answer this part of the request; try again later' : 'internal error';
  return { message, ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Details safe to show: everything but the internal ones, and no value that shows an internal. */
function safeExtensions(extensions: Extensions): Extensions {
  return Object.fromEntries(
    Object.entries(extensions).filter(([key, value]) => !INTERNAL_EXTENSIONS.has(key) && !internalTextIn(JSON.stringify(value) ?? '')),
  );
}

/** The first error with a code of the contract in a subgraph's HTTP answer, as @apollo/gateway reports it. */
function codedErrorIn(response: unknown): { message: string; extensions: Extensions } | null {
  const errors = (response as { body?: { errors?: unknown } } | null)?.body?.errors;
  if (!Array.isArray(errors)) return null;
  for (const error of errors as { message?: unknown; extensions?: Extensions }[]) {
    const code = error?.extensions?.code;
    if (typeof code === 'string' && SUBGRAPH_CODES.has(code) && typeof error.message === 'string' && !internalTextIn(error.message)) {
      return { message: error.message, extensions: { ...error.extensions, code } };
    }
  }
  return null;
}
