import { BOROUGHS } from '../synthetic/nyc';
import { locationId, personAt, type World } from '../synthetic/world';

/** One of the realistic operations the benchmarks drive (issue 7 asks for these three). */
export interface BenchOperation {
  name: string;
  query: string;
  /**
   * The variables successive requests cycle through. Callers ask about different people and
   * places: with one fixed request, a gateway that merges identical in-flight subgraph calls
   * (Hive Gateway does by default) would be measured on a load nobody sends.
   */
  variables(world: World): Record<string, unknown>[];
}

const SAMPLES = 64;

export const OPERATIONS: BenchOperation[] = [
  {
    name: 'persons-with-records',
    // The heavy nested federated query: persons with their arrests, locations, calls and warrants.
    query: `query PersonsWithRecords($precinct: Int) { arrests(filter: { precinct: $precinct }, first: 10) { edges { node { number arrestedAt location { address precinct }
      person { id fullName dateOfBirth arrests { number topCharge { lawCode } } calls911 { id incidentType } warrants { number type } } } } } }`,
    variables: () => BOROUGHS.flatMap((borough) => borough.precincts).map((precinct) => ({ precinct })),
  },
  {
    name: 'fuzzy-search',
    // A misspelled name with a date of birth, as an officer searches someone stopped in the street.
    // Without the date, a common name costs the embedded (PGlite) subgraph 0.1 to 0.4 s of CPU,
    // and the benchmark would measure that subgraph rather than the gateways (see bench:search).
    query: `query Search($name: String!, $dateOfBirth: Date) { searchPersons(name: $name, dateOfBirth: $dateOfBirth, first: 10) {
      edges { score matchedName node { id fullName dateOfBirth } } } }`,
    variables: (world) =>
      Array.from({ length: SAMPLES }, (_, i) => {
        const person = personAt(world, (i * 7919) % world.persons);
        return { name: person.spellingVariants[0] ?? `${person.firstName} ${person.lastName}`, dateOfBirth: person.dateOfBirth };
      }),
  },
  {
    name: 'premise-history',
    query: `query Premise($id: ID!) { location(id: $id) { address borough precinct complaints(limit: 10) { number offense { description } }
      arrests(limit: 10) { number } calls911(limit: 10) { id incidentType receivedAt } } }`,
    variables: () => Array.from({ length: SAMPLES }, (_, i) => ({ id: locationId(i) })),
  },
];
