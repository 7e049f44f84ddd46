import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getOperationAST, parse } from 'graphql';
import { argumentCost } from '../argumentCost';
import { measureOperation } from '../measureOperation';
import { ARGUMENT_CHARACTERS_PER_COST } from '../../../../policy/operationLimitsTable';

/**
 * The cost model on the real supergraph [issue 20, part 5]: every list of records nested under
 * a record takes a bounded `first`, and the cost multiplies what is under it by that `first`
 * (or its default, 20), as it does for top-level connections; argument text counts too.
 */
const sdl = readFileSync(path.join(__dirname, '../../../../schema/supergraph.graphql'), 'utf8');
const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();

const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return measureOperation(api, document, getOperationAST(document)!, variables).cost;
};

describe('cost of nested lists of records', () => {
  it.each([
    ['a nested list without `first` counts its default page of 20', '{ person(id: "P") { calls911 { id } } }', 2 + 20],
    ['a nested `first` multiplies what is under it', '{ person(id: "P") { calls911(first: 5) { id incidentCode } } }', 2 + 5 * 2],
    ['a nested `first` from a variable', 'query Q($n: Int) { person(id: "P") { arrests(first: $n) { number } } }', 2 + 7, { n: 7 }],
    ['nested `first`s multiply one another and the top-level page',
      '{ arrests(first: 10) { edges { node { person { calls911(first: 4) { id } } } } } }', 2 + 10 * (1 + 1 + 1 + 4)],
    ['the connection of a person\'s calls counts its page',
      '{ person(id: "P") { calls911Connection(first: 3) { edges { node { id } } } } }', 3 + 3 * 2],
    ['every history of a person is bounded: warrants, orders, complaints, collisions, 311',
      '{ person(id: "P") { warrants(first: 2) { number } ordersOfProtection(first: 2) { role } complaints(first: 2) { role } collisions(first: 2) { number } serviceRequests311(first: 2) { id } } }',
      1 + 5 * (1 + 2)],
    ['stolen reports and invoices of an item are bounded',
      '{ propertyInvoice(number: "1") { items { item { invoices(first: 3) { number } stolenReports(first: 4) { id } } } } }', 1 + 1 + 10 * (1 + 1 + 3 + 1 + 4)],
  ])('%s', (_rule, query, expected, variables: Record<string, unknown> = {}) => {
    expect(cost(query, variables)).toBe(expected);
  });

  it('every list of records a Person, Vehicle or PropertyItem holds takes `first`', () => {
    const unbounded: string[] = [];
    for (const typeName of ['Person', 'Vehicle', 'PropertyItem']) {
      const type = api.getType(typeName) as import('graphql').GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        const list = String(field.type).startsWith('[') && !/^\[(String|ID|Int|Float|Boolean)!?\]/.test(String(field.type));
        if (list && typeName === 'Person' && field.name === 'names') continue; // the person's own names, not records
        if (list && !field.args.some((a) => a.name === 'first' || a.name === 'limit')) unbounded.push(`${typeName}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });
});

describe('argument text in the cost', () => {
  const search = 'query S($n: String!) { searchPersons(name: $n, first: 1) { totalCount } }';
  it.each([
    ['no string arguments cost nothing more', '{ person(id: "P") { id } }', {}, 1],
    ['each started block of characters counts one, in variables', search, { n: 'A'.repeat(ARGUMENT_CHARACTERS_PER_COST + 1) }, 2],
    ['and inline', `{ searchPersons(name: "${'A'.repeat(3 * ARGUMENT_CHARACTERS_PER_COST)}") { totalCount } }`, {}, 3],
    ['inside input objects', 'query D($d: PersonDescription!) { searchByDescription(description: $d) { totalCount } }', { d: { name: 'A'.repeat(100), identifyingMark: 'B'.repeat(30) } }, 3],
  ])('%s', (_rule, query, variables, expected) => {
    expect(argumentCost(api, parse(query), variables)).toBe(expected);
  });
});
