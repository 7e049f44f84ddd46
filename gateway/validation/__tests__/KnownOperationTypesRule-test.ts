import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { KnownOperationTypesRule } from '../KnownOperationTypesRule';

describe('KnownOperationTypesRule', () => {
  const schema = buildSchema('type Query { a: String } type Mutation { b: String }');
  const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, KnownOperationTypesRule]).map((e) => e.message);

  it.each([
    ['a query', '{ a }', []],
    ['a mutation, which the schema has', 'mutation { b }', []],
    ['a subscription, which it has not', 'subscription { a }', ['This service has no subscription operations.']],
  ])('%s', (_what, query, expected) => {
    expect(errors(query)).toEqual(expected);
  });
});
