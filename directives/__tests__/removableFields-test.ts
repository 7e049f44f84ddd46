import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { buildSchema } from 'graphql';
import { readPolicyMap } from '../readPolicyMap';
import { nonNullRemovableFields } from '../removableFields';

describe('fields the policy can remove are nullable', () => {
  it('holds for the whole supergraph (a denied field nulls itself, never what the caller may see)', () => {
    const sdl = readFileSync(path.join(__dirname, '../../schema/supergraph.graphql'), 'utf8');
    const api = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
    expect(nonNullRemovableFields(api, readPolicyMap(sdl))).toEqual([]);
  });

  it('names a non-null field more restricted than its siblings, and a non-null root field', () => {
    const schema = buildSchema('type Query { person: Person! } type Person { id: ID! name: String! birthplace: String! }');
    const policy = new Map([
      ['Query.person', { category: 'RECORD' as const, systems: ['a'] }],
      ['Person.id', { category: 'RECORD' as const, systems: ['a'] }],
      ['Person.name', { category: 'RECORD' as const, systems: ['a'] }],
      ['Person.birthplace', { category: 'IMMIGRATION_STATUS' as const, systems: ['a'] }],
    ]);
    expect(nonNullRemovableFields(schema, policy)).toEqual(['Person.birthplace', 'Query.person']);
  });
});
