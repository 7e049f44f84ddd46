import { parse } from 'graphql';
import { missingRecordRules } from '../missingRecordRules';

/** [P12] a stub of a sealable entity without its owner's record rules is refused at composition. */
const OWNER = parse('type Complaint @key(fields: "number") @recordRule(name: "SEALED") @recordRule(name: "JUVENILE") { number: String! sealed: Boolean! }');

describe('record rules travel with every reference', () => {
  it.each([
    ['a stub with both rules composes', 'type Complaint @key(fields: "number", resolvable: false) @recordRule(name: "SEALED") @recordRule(name: "JUVENILE") { number: String! }', []],
    ['a stub without rules is refused', 'type Complaint @key(fields: "number", resolvable: false) { number: String! }', ['warrants defines Complaint without the record rules owner gives it: @recordRule(name: "SEALED", "JUVENILE")']],
    ['a stub with one rule of two is refused', 'type Complaint @key(fields: "number", resolvable: false) @recordRule(name: "SEALED") { number: String! }', ['warrants defines Complaint without the record rules owner gives it: @recordRule(name: "JUVENILE")']],
    ['a subgraph that does not reference it is fine', 'type Warrant @key(fields: "number") { number: String! }', []],
  ])('%s', (_rule, stub, problems) => {
    expect(missingRecordRules([{ name: 'owner', typeDefs: OWNER }, { name: 'warrants', typeDefs: parse(stub) }])).toEqual(problems);
  });
});

describe('record rules travel with every reference, wherever the types are declared', () => {
  const HEADER = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) scalar Date enum Kind { A } input Filter { number: String }\n';
  const subgraph = (name: string, sdl: string) => ({ name, typeDefs: parse(HEADER + sdl) });

  it('a stub declared as an extension is checked like a type', () => {
    const stub = subgraph('warrants', 'extend type Complaint @key(fields: "number") { number: String! }');
    expect(missingRecordRules([{ name: 'owner', typeDefs: OWNER }, stub])).toEqual(['warrants defines Complaint without the record rules owner gives it: @recordRule(name: "SEALED", "JUVENILE")']);
  });

  it("the owner's rules given across a type and its extension all travel", () => {
    const owner = subgraph('owner', 'type Complaint @key(fields: "number") @recordRule(name: "SEALED") { number: String! } extend type Complaint @recordRule(name: "JUVENILE")');
    const stub = subgraph('warrants', 'type Complaint @key(fields: "number", resolvable: false) @recordRule(name: "SEALED") { number: String! }');
    expect(missingRecordRules([owner, stub])).toEqual(['warrants defines Complaint without the record rules owner gives it: @recordRule(name: "JUVENILE")']);
  });

  it('every subgraph that references the entity without a rule another gives it is named, once per rule giver', () => {
    const stub = 'type Complaint @key(fields: "number", resolvable: false) { number: String! }';
    const sealedOnly = 'type Complaint @key(fields: "number", resolvable: false) @recordRule(name: "SEALED") { number: String! }';
    expect(missingRecordRules([subgraph('calls', stub), { name: 'owner', typeDefs: OWNER }, subgraph('warrants', sealedOnly), subgraph('governance', 'type Agency { name: String }')])).toEqual([
      'calls defines Complaint without the record rules owner gives it: @recordRule(name: "SEALED", "JUVENILE")',
      'warrants defines Complaint without the record rules owner gives it: @recordRule(name: "JUVENILE")',
      'calls defines Complaint without the record rules warrants gives it: @recordRule(name: "SEALED")',
    ]);
  });
});

