/** The realistic operations the benchmarks drive (issue 7 asks for these three). */
export const OPERATIONS = [
  {
    name: 'persons-with-records',
    // The heavy nested federated query: persons with their arrests, locations, calls and warrants.
    query: `query PersonsWithRecords { arrests(first: 10) { edges { node { number arrestedAt location { address precinct }
      person { id fullName dateOfBirth arrests { number topCharge { lawCode } } calls911 { id incidentType } warrants { number type } } } } } }`,
    variables: {},
  },
  {
    name: 'fuzzy-search',
    query: `query Search($name: String!) { searchPersons(name: $name, first: 10) { edges { score matchedName node { id fullName dateOfBirth } } } }`,
    variables: { name: 'JON SMYTH' },
  },
  {
    name: 'premise-history',
    query: `query Premise($id: ID!) { location(id: $id) { address borough precinct complaints(limit: 10) { number offense { description } }
      arrests(limit: 10) { number } calls911(limit: 10) { id incidentType receivedAt } } }`,
    variables: { id: 'L00000001' },
  },
];
