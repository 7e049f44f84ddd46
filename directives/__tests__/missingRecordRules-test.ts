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
