import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { loadConfig } from '../../platform/config/loadConfig';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { composeSupergraph, CompositionError } from '../composeSupergraph';

describe('composeSupergraph', () => {
  const endpoints = () => {
    const config = loadConfig({});
    return SUBGRAPH_NAMES.map((name) => ({ name, url: config.subgraphs[name].url }));
  };

  it('composes the subgraphs in schema/ into one supergraph', () => {
    const sdl = composeSupergraph(endpoints());
    for (const root of ['person(', 'searchPersons(', 'complaint(', 'arrest(', 'collision(', 'propertyInvoice(', 'call911(', 'call311(', 'location(', 'warrants(', 'ordersOfProtection(', 'stolenProperty(']) {
      expect(sdl).toContain(root);
    }
  });

  it('keeps schema/supergraph.graphql (what clients generate types from) up to date: run `npm run compose`', () => {
    const committed = readFileSync(path.join(__dirname, '..', 'supergraph.graphql'), 'utf8');
    expect(committed).toBe(composeSupergraph(endpoints()));
  });

  it('fails with every problem listed when subgraphs disagree', () => {
    const conflicting = [
      { name: 'a', url: 'http://a/graphql', typeDefs: parse('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { a: Thing } type Thing @key(fields: "id") { id: ID! size: Int }') },
      { name: 'b', url: 'http://b/graphql', typeDefs: parse('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { b: Thing } type Thing @key(fields: "id") { id: ID! size: String }') },
    ];
    expect(() => composeSupergraph(conflicting)).toThrow(CompositionError);
    try {
      composeSupergraph(conflicting);
    } catch (error) {
      expect((error as CompositionError).problems.join('\n')).toMatch(/size/);
    }
  });
});
