import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { buildSchema } from 'graphql';
import { readPolicyMap, type FieldPolicy } from '../readPolicyMap';
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

/**
 * A field the policy may remove while its siblings stay must be nullable: the usual fields of a
 * type are its most common policy; a field as open as them (every role that sees them sees it, for
 * their purposes, through their systems) goes with them, any other can be removed alone.
 */
describe('a field more restricted than its siblings must be nullable, whatever makes it so', () => {
  type Spec = [category: FieldPolicy['category'], systems?: string[]];
  const policyOf = (fields: Record<string, Spec>) =>
    new Map(Object.entries(fields).map(([field, [category, systems = ['a']]]) => [`Person.${field}`, { category, systems }] as const));
  /** Person: three usual fields (RECORD, served by system a) and one non-null field `extra`. */
  const check = (extra: Spec | undefined, usual: Spec = ['RECORD']) => {
    const schema = buildSchema('type Query { person: Person } type Person { id: ID! name: String! dob: String! extra: String! }');
    const fields: Record<string, Spec> = { id: usual, name: usual, dob: usual, ...(extra ? { extra } : {}) };
    return nonNullRemovableFields(schema, policyOf(fields));
  };

  it.each<[string, Spec | undefined, Spec | undefined, string[]]>([
    ['the same category and systems as its siblings: goes with them', ['RECORD'], undefined, []],
    ['a category every role sees for the same purposes (META beside RECORD)', ['META'], undefined, []],
    ['[P16] a category some role sees for fewer purposes (a partner sees IDENTIFYING only to prosecute)', ['IDENTIFYING'], undefined, ['Person.extra']],
    ['[P16] a category some role that sees its siblings may not see at all (IMMIGRATION_STATUS)', ['IMMIGRATION_STATUS'], undefined, ['Person.extra']],
    ['[P5] a field that needs a purpose beside purpose-free siblings (RECORD among WORKSPACE)', ['RECORD'], ['WORKSPACE'], ['Person.extra']],
    ['a purpose-free category that some role seeing its siblings may not see at all (DIRECTORY beside RECORD)', ['DIRECTORY'], undefined, ['Person.extra']],
    ['a purpose-free field seen by every role that sees its purpose-free siblings', ['PARTNER_REQUESTS'], ['AGREEMENTS'], []],
    ['[P8] served by another system than its siblings: its training may be missing', ['RECORD', ['b']], undefined, ['Person.extra']],
    ['[P8] served by its siblings\' system and another: whoever is trained for theirs sees it', ['RECORD', ['a', 'b']], undefined, []],
    ['[P8] served by one of the two systems of its siblings: whoever is trained only for the other cannot see it', ['RECORD', ['a']], ['RECORD', ['a', 'c']], ['Person.extra']],
    ['[P5] without a category beside siblings that have one', [null], undefined, ['Person.extra']],
    ['with a category beside siblings that have none', ['RECORD'], [null], ['Person.extra']],
    ['without a category, like its siblings: all refused together', [null], [null], []],
    ['[P5] with no policy at all', undefined, undefined, ['Person.extra']],
  ])('%s', (_rule, extra, usual, problems) => {
    expect(check(extra, usual)).toEqual(problems);
  });

  it('a type none of whose fields has a policy: every non-null field is named', () => {
    const schema = buildSchema('type Query { person: Person } type Person { id: ID! name: String nick: String! }');
    expect(nonNullRemovableFields(schema, new Map([['Query.person', { category: 'RECORD' as const, systems: ['a'] }]]))).toEqual(['Person.id', 'Person.nick']);
  });

  it('the usual policy is the most common one, whatever order its systems are listed in', () => {
    const schema = buildSchema('type Query { person: Person } type Person { a: ID! b: ID! c: String d: String e: String }');
    const policy = policyOf({ a: ['IDENTIFYING'], b: ['IDENTIFYING'], c: ['RECORD', ['a', 'b']], d: ['RECORD', ['b', 'a']], e: ['RECORD', ['b', 'a']] });
    // Three RECORD fields against two IDENTIFYING ones: the IDENTIFYING ones are the restricted ones.
    expect(nonNullRemovableFields(schema, policy)).toEqual(['Person.a', 'Person.b']);
  });

  it('root query fields are always removable alone; mutation results and introspection types are not checked', () => {
    const schema = buildSchema('type Query { person: Person! count: Int } type Mutation { file(text: String): Person! } type Person { id: ID! }');
    const policy = new Map([
      ['Query.person', { category: 'RECORD' as const, systems: ['a'] }],
      ['Query.count', { category: 'RECORD' as const, systems: ['a'] }],
      ['Person.id', { category: 'RECORD' as const, systems: ['a'] }],
    ]);
    expect(nonNullRemovableFields(schema, policy)).toEqual(['Query.person']);
  });
});

