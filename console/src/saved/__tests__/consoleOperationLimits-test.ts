import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getOperationAST, parse } from 'graphql';
import { limitsFor } from '../../../../gateway/stages/operationLimits/limitsFor';
import { countTokens, measureOperation } from '../../../../gateway/stages/operationLimits/measureOperation';
import { OPERATION_LIMITS } from '../../../../policy/operationLimitsTable';
import { SAVED_QUERIES, SAVED_QUERY, SAVED_QUERY_EXPORTS, SAVED_QUERY_RUNS } from '../savedQueryApi';

const api = Supergraph.build(readFileSync(path.resolve(__dirname, '../../../../schema/supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();

/**
 * The saved-query screens are for every role with a workspace, the least of them an officer:
 * each operation they send must fit within the officer's operation limits, or the library
 * would answer QUERY_TOO_COMPLEX to the very people it is shared with.
 */
describe('the saved-query screens’ operations fit an officer’s operation limits', () => {
  const officer = limitsFor(['OFFICER'], OPERATION_LIMITS);
  it.each([
    ['the library', SAVED_QUERIES, { tag: null, mine: false }],
    ['a saved query with its versions', SAVED_QUERY, { id: 'SQ-LIB-01' }],
    ['the run history', SAVED_QUERY_RUNS, { id: 'SQ-LIB-01' }],
    ['the exports', SAVED_QUERY_EXPORTS, {}],
  ])('%s', (_screen, query, variables) => {
    const document = parse(query);
    const measure = measureOperation(api, document, getOperationAST(document)!, variables);
    expect(measure.cost).toBeLessThanOrEqual(officer.cost);
    expect(measure.depth).toBeLessThanOrEqual(officer.depth);
    expect(countTokens(query)).toBeLessThanOrEqual(officer.tokens);
  });
});
