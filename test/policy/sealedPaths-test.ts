import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema, getNamedType, isNonNullType, isObjectType, Kind, parse, type GraphQLField, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import { arrestAt } from '../../synthetic/arrests';
import { complaintAt } from '../../synthetic/complaintAt';
import { propertyInvoiceAt } from '../../synthetic/propertyInvoices';
import { fullName, personAt, personIndexOf, scaleOf } from '../../synthetic/world';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { startCommercialStack } from '../harness/startCommercialStack';
import { purposeHeaders, type TestStack } from '../harness/startTestStack';
import { TEST_WORLD } from '../harness/startTestSubgraph';

/**
 * [P12] Sealed and juvenile records are hidden on every path through the supergraph. This walks
 * every path in schema/supergraph.graphql from each root field to each sealable entity (a type
 * with a `@recordRule` in its owner's SDL: today Complaint, Arrest, PropertyInvoice) and selects
 * its key fields, the ones a referencing subgraph could answer alone. For each path, fast-check
 * draws the root's arguments from the records nearest the sealed ones (their numbers, their
 * people, places, names) and runs the operation through the gateway, over HTTP, as a role that
 * holds no statutory exception; the answer must name no sealed or juvenile record, as the seeded
 * world's generators (not the store) say which those are.
 */
const MAX_DEPTH = 5;
const CALLERS = [
  // An analyst may see neither sealed nor juvenile records; a detective juvenile ones, never sealed.
  { user: 'analyst', hides: (r: { sealed: boolean; juvenile: boolean }) => r.sealed || r.juvenile, runs: 2, refusedWhole: [] as string[] },
  // The detective's cost limit refuses a few of the deepest paths whole (QUERY_TOO_COMPLEX): nothing leaves.
  { user: 'detective', hides: (r: { sealed: boolean; juvenile: boolean }) => r.sealed, runs: 1, refusedWhole: ['QUERY_TOO_COMPLEX'] },
];

interface SchemaPath {
  fields: GraphQLField<unknown, unknown>[];
  keyFields: string[];
}

/** Sealable types and their key fields, from the subgraphs' own SDL (the supergraph drops @recordRule). */
function sealableKeys(): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  const sealable = new Set<string>();
  for (const name of SUBGRAPH_NAMES) {
    const sdl = parse(readFileSync(path.join(__dirname, '..', '..', 'schema', `${name}.graphql`), 'utf8'));
    for (const definition of sdl.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      if (definition.directives?.some((d) => d.name.value === 'recordRule')) sealable.add(definition.name.value);
      const key = definition.directives?.find((d) => d.name.value === 'key')?.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (key?.kind === Kind.STRING) keys.set(definition.name.value, key.value.split(/\s+/));
    }
  }
  return new Map([...sealable].filter((type) => keys.has(type)).map((type) => [type, keys.get(type)!]));
}

/** Every path from a root field to a sealable type, no type visited twice before its end. */
function pathsTo(schema: GraphQLSchema, targets: Map<string, string[]>): SchemaPath[] {
  const found: SchemaPath[] = [];
  const walk = (type: GraphQLObjectType, fields: GraphQLField<unknown, unknown>[], seen: Set<string>) => {
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      const next = [...fields, field];
      if (targets.has(named.name)) found.push({ fields: next, keyFields: targets.get(named.name)! });
      if (!seen.has(named.name) && next.length < MAX_DEPTH) walk(named, next, new Set([...seen, named.name]));
    }
  };
  walk(schema.getQueryType()!, [], new Set(['Query']));
  return found;
}

/** `a { b { c { number } } }`, with the root's required arguments as variables. */
function operationOf(route: SchemaPath): string {
  const [root, ...rest] = route.fields;
  const required = root!.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const variables = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const inner = rest.reduceRight((selection, field) => `${field.name} { ${selection} }`, route.keyFields.join(' '));
  return `query Walk${variables ? `(${variables})` : ''} { ${root!.name}${args ? `(${args})` : ''} { ${inner} } }`;
}

const describePath = (route: SchemaPath) => route.fields.map((field) => field.name).join('.');

describe('no path through the supergraph names a sealed or juvenile record', () => {
  let stack: TestStack;
  let routes: SchemaPath[] = [];
  const scale = scaleOf(TEST_WORLD);
  // The seeded world's ground truth, from the generators the stores are seeded from.
  const arrests = Array.from({ length: scale.arrests }, (_, k) => arrestAt(TEST_WORLD, k));
  const complaints = Array.from({ length: scale.complaints }, (_, k) => complaintAt(TEST_WORLD, k));
  const invoices = Array.from({ length: scale.propertyInvoices }, (_, k) => propertyInvoiceAt(TEST_WORLD, k));
  let pools: Record<string, unknown[]> = {};

  beforeAll(async () => {
    // Every subgraph, the commercial one and its provider simulators included: a path through a
    // pawn record's item reaches the department's invoices.
    stack = await startCommercialStack();
    routes = pathsTo(buildSchema(stack.gateway.supergraphSdl, { assumeValidSDL: true }), sealableKeys());
    const sealedOrJuvenile = <R extends { sealed: boolean; juvenile: boolean }>(records: R[]) => records.filter((r) => r.sealed || r.juvenile);
    const hiddenArrests = sealedOrJuvenile(arrests);
    const hiddenComplaints = sealedOrJuvenile(complaints);
    const persons = [...new Set([
      ...hiddenArrests.map((a) => a.personId),
      ...hiddenComplaints.flatMap((c) => c.parties.flatMap((p) => (p.personId ? [p.personId] : []))),
      ...sealedOrJuvenile(invoices).flatMap((i) => (i.ownerId ? [i.ownerId] : [])),
    ])];
    const locations = [...new Set([...hiddenArrests.map((a) => a.locationId), ...hiddenComplaints.map((c) => c.locationId)])];
    const column = async (subgraph: 'calls' | 'warrants' | 'complaints-arrests', sql: string) =>
      (await stack.subgraphs[subgraph].db.query<{ key: string }>(sql, [persons])).map((row) => row.key);
    pools = {
      'person.id': persons,
      'searchPersons.name': persons.map((id) => fullName(personAt(TEST_WORLD, personIndexOf(id)))),
      'searchByDescription.description': persons.map((id) => ({ name: fullName(personAt(TEST_WORLD, personIndexOf(id))) })),
      'complaint.number': hiddenComplaints.map((c) => c.number),
      'arrest.number': hiddenArrests.map((a) => a.number),
      'propertyInvoice.number': sealedOrJuvenile(invoices).map((i) => i.number),
      'location.id': locations,
      'collision.number': await column('complaints-arrests', 'SELECT DISTINCT collision_number AS key FROM collision_vehicle WHERE driver_person_id = ANY($1::text[]) ORDER BY 1 LIMIT 20'),
      'call911.id': await column('calls', 'SELECT id AS key FROM call911 WHERE caller_person_id = ANY($1::text[]) ORDER BY 1 LIMIT 20'),
      'call311.id': await column('calls', 'SELECT id AS key FROM service_request_311 WHERE requester_person_id = ANY($1::text[]) ORDER BY 1 LIMIT 20'),
      'warrant.number': await column('warrants', 'SELECT number AS key FROM warrant WHERE subject_id = ANY($1::text[]) AND NOT immigration ORDER BY 1 LIMIT 20'),
      'commercialSearch.subject': sealedOrJuvenile(invoices).flatMap((i) => i.items.map((item) => ({ serialNumber: item.serialNumber }))),
      'orderOfProtection.number': await column('warrants', 'SELECT number AS key FROM order_of_protection WHERE respondent_id = ANY($1::text[]) OR protected_party_id = ANY($1::text[]) ORDER BY 1 LIMIT 20'),
    };
  }, 400_000);
  afterAll(() => stack?.close());

  it('finds the paths to walk: every sealable entity, from many roots, every path of schema/supergraph.graphql', () => {
    const committed = buildSchema(readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
    expect(pathsTo(committed, sealableKeys()).map(describePath).sort()).toEqual(routes.map(describePath).sort());
    const ends = new Set(routes.map((route) => getNamedType(route.fields.at(-1)!.type).name));
    expect([...ends].sort()).toEqual(['Arrest', 'Complaint', 'PropertyInvoice']);
    for (const known of ['stolenProperty.edges.node.complaint', 'propertyInvoice.arrest', 'person.complaints.complaint', 'warrant.subject.arrests']) {
      expect(routes.map(describePath)).toContain(known);
    }
  });

  it.each(CALLERS)('$user: no answer on any path names a record hidden from it', async ({ user, hides, runs, refusedWhole }) => {
    const forbidden = new Set([...arrests, ...complaints, ...invoices].filter(hides).map((record) => record.number));
    expect(forbidden.size).toBeGreaterThan(0);
    const token = await stack.token(user);
    const headers = { authorization: `Bearer ${token}`, ...purposeHeaders({ code: 'CRIMINAL_INVESTIGATION' }), 'x-permissible-purpose': 'DPPA_B1', 'x-glba-exception': 'GLBA_E5' };
    const leaks: string[] = [];
    const unanswered: string[] = [];
    for (const route of routes) {
      const root = route.fields[0]!;
      const required = root.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
      const arbitrary = fc.record(Object.fromEntries(required.map((arg) => [arg.name, fc.constantFrom(...(pools[`${root.name}.${arg.name}`]?.length ? pools[`${root.name}.${arg.name}`]! : [null]))])));
      const query = operationOf(route);
      await fc.assert(
        fc.asyncProperty(arbitrary, async (variables) => {
          const answer = await stack.query(query, variables, headers);
          const code = String(answer.errors?.[0]?.extensions?.code);
          if (answer.status >= 500 || (answer.data === undefined && answer.errors?.length && !refusedWhole.includes(code))) unanswered.push(`${describePath(route)}: ${code}`);
          const text = JSON.stringify(answer);
          for (const number of forbidden) if (text.includes(number)) leaks.push(`${describePath(route)} ${JSON.stringify(variables)} named ${number}`);
        }),
        { numRuns: runs, seed: 22 },
      );
    }
    expect(leaks).toEqual([]);
    // A path refused whole proves nothing: every path must be answered.
    expect(unanswered).toEqual([]);
  }, 900_000);
});
