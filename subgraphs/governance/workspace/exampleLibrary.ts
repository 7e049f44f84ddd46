import type { ColumnMapping } from './ColumnMapping';
import type { Share } from './SavedQueryStore';

/** One saved query of the example library, as an analyst would write it. */
export interface LibraryQuery {
  id: string;
  name: string;
  description: string;
  tags: string[];
  document: string;
  columns: ColumnMapping;
  parameterDescriptions: { name: string; description: string }[];
  /** What a runner would usually declare; they still declare it themselves [P5]. */
  suggestedPurpose: 'CRIMINAL_INVESTIGATION';
  /** Variables that find something in the synthetic world (for the docs and the tests). */
  example: Record<string, unknown>;
}

/** Owned by the seeded analyst; shared with every role that reads records (each runs it with their own rights). */
export const LIBRARY_OWNER = 'analyst';
export const LIBRARY_SHARES: readonly Share[] = ['OFFICER', 'DETECTIVE', 'ANALYST', 'SUPERVISOR', 'COMMANDING_OFFICER', 'INTELLIGENCE'].map((target) => ({ kind: 'ROLE', target }));

const PAGE = 'pageInfo { hasNextPage endCursor }';
const paged = (root: string, columns: ColumnMapping['columns']): ColumnMapping => ({ rows: `${root}.edges`, pageInfo: `${root}.pageInfo`, columns });

/**
 * A dozen questions analysts ask again and again, over the synthetic world: patterns, premise
 * history, repeat callers, stolen property matches, warrants for people arrested lately.
 * Seeded on first start (governance store) and runnable from docs/saved-queries.md.
 */
export const EXAMPLE_LIBRARY: readonly LibraryQuery[] = [
  {
    id: 'SQ-LIB-01',
    name: 'Robbery arrests in a precinct, with each arrestee’s prior arrests',
    description: 'Robbery arrests (any charge of the given law code) since a date, and what each arrestee was arrested for before: the pattern question.',
    tags: ['pattern', 'arrests', 'robbery'],
    document: `query RobberyArrestsWithPriors($precinct: Int!, $lawCode: String = "PL 160.10", $since: Date!, $first: Int = 50, $after: String) {
  arrests(filter: { precinct: $precinct, lawCode: $lawCode, arrested: { from: $since } }, first: $first, after: $after) {
    edges { node { number arrestedAt topCharge { lawCode description } person { id fullName arrests(first: 5) { number arrestedAt topCharge { lawCode category } } } } }
    ${PAGE}
  }
}`,
    columns: paged('arrests', [
      { name: 'arrest', path: 'node.number' }, { name: 'arrestedAt', path: 'node.arrestedAt' }, { name: 'topCharge', path: 'node.topCharge.lawCode' },
      { name: 'personId', path: 'node.person.id' }, { name: 'person', path: 'node.person.fullName' },
      { name: 'allArrests', path: 'node.person.arrests.number' }, { name: 'allCharges', path: 'node.person.arrests.topCharge.lawCode' },
    ]),
    parameterDescriptions: [{ name: 'precinct', description: 'Precinct number, e.g. 75' }, { name: 'lawCode', description: 'Penal law section, e.g. PL 160.10 (robbery 2nd)' }, { name: 'since', description: 'First day, YYYY-MM-DD' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { precinct: 75, since: '2015-01-01' },
  },
  {
    id: 'SQ-LIB-02',
    name: '311 requests at an address',
    description: 'Every 311 service request at one location since a date (noise, parking, conditions): the "this address this year" question.',
    tags: ['311', 'premise'],
    document: `query RequestsAtAddress($location: ID!, $since: Date) {
  location(id: $location) { id address serviceRequests311(since: $since, limit: 100) { id createdAt complaintType descriptor status resolutionDescription } }
}`,
    columns: { rows: 'location.serviceRequests311', columns: [
      { name: 'request', path: 'id' }, { name: 'createdAt', path: 'createdAt' }, { name: 'type', path: 'complaintType' },
      { name: 'descriptor', path: 'descriptor' }, { name: 'status', path: 'status' }, { name: 'resolution', path: 'resolutionDescription' },
    ] },
    parameterDescriptions: [{ name: 'location', description: 'Location id, e.g. L00000001' }, { name: 'since', description: 'First day, YYYY-MM-DD (default: all)' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { location: 'L00000001' },
  },
  {
    id: 'SQ-LIB-03',
    name: 'Premise history: 911 calls at a location',
    description: '911 calls at one location, newest first, with the incident and disposition: what officers should know before they knock.',
    tags: ['911', 'premise'],
    document: `query PremiseCalls($location: ID!, $since: Date) {
  location(id: $location) { id address premiseType calls911(since: $since, limit: 100) { id receivedAt incidentCode incidentType priority disposition } }
}`,
    columns: { rows: 'location.calls911', columns: [
      { name: 'call', path: 'id' }, { name: 'receivedAt', path: 'receivedAt' }, { name: 'code', path: 'incidentCode' },
      { name: 'incident', path: 'incidentType' }, { name: 'priority', path: 'priority' }, { name: 'disposition', path: 'disposition' },
    ] },
    parameterDescriptions: [{ name: 'location', description: 'Location id, e.g. L00000001' }, { name: 'since', description: 'First day, YYYY-MM-DD (default: all)' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { location: 'L00000001' },
  },
  {
    id: 'SQ-LIB-04',
    name: 'Premise history: complaints and arrests at a location',
    description: 'Complaints reported at one location, with the arrests each led to.',
    tags: ['premise', 'complaints'],
    document: `query PremiseComplaints($location: ID!, $since: Date) {
  location(id: $location) { id address complaints(since: $since, limit: 100) { number reportedAt offense { lawCode description } status arrests { number } } }
}`,
    columns: { rows: 'location.complaints', columns: [
      { name: 'complaint', path: 'number' }, { name: 'reportedAt', path: 'reportedAt' }, { name: 'offense', path: 'offense.lawCode' },
      { name: 'description', path: 'offense.description' }, { name: 'status', path: 'status' }, { name: 'arrests', path: 'arrests.number' },
    ] },
    parameterDescriptions: [{ name: 'location', description: 'Location id, e.g. L00000001' }, { name: 'since', description: 'First day, YYYY-MM-DD (default: all)' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { location: 'L00000001' },
  },
  {
    id: 'SQ-LIB-05',
    name: 'Repeat caller: a person’s 911 calls',
    description: 'Every 911 call a person made or was involved in, with where: repeat callers and repeat locations.',
    tags: ['911', 'repeat-callers'],
    document: `query RepeatCaller($person: ID!) {
  person(id: $person) { id fullName calls911(first: 100) { id receivedAt incidentType location { id address } } }
}`,
    columns: { rows: 'person.calls911', columns: [
      { name: 'call', path: 'id' }, { name: 'receivedAt', path: 'receivedAt' }, { name: 'incident', path: 'incidentType' },
      { name: 'locationId', path: 'location.id' }, { name: 'address', path: 'location.address' },
    ] },
    parameterDescriptions: [{ name: 'person', description: 'Person id, e.g. P00000001' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { person: 'P00000001' },
  },
  {
    id: 'SQ-LIB-06',
    name: '311 requests of one type in a precinct',
    description: '311 requests of a complaint type (e.g. Noise - Residential) in a precinct over a date range.',
    tags: ['311', 'pattern'],
    document: `query RequestsByType($precinct: Int!, $complaintType: String!, $from: Date, $to: Date, $first: Int = 100, $after: String) {
  serviceRequests311(filter: { precinct: $precinct, complaintType: $complaintType, created: { from: $from, to: $to } }, first: $first, after: $after) {
    edges { node { id createdAt complaintType descriptor status location { id address } } }
    ${PAGE}
  }
}`,
    columns: paged('serviceRequests311', [
      { name: 'request', path: 'node.id' }, { name: 'createdAt', path: 'node.createdAt' }, { name: 'type', path: 'node.complaintType' },
      { name: 'descriptor', path: 'node.descriptor' }, { name: 'status', path: 'node.status' }, { name: 'address', path: 'node.location.address' },
    ]),
    parameterDescriptions: [{ name: 'precinct', description: 'Precinct number' }, { name: 'complaintType', description: 'As in NYC Open Data, e.g. Noise - Residential' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { precinct: 75, complaintType: 'Noise - Residential' },
  },
  {
    id: 'SQ-LIB-07',
    name: 'Active stolen firearms reported since a date',
    description: 'Firearms reported stolen and not recovered, with the serial number and where they were taken.',
    tags: ['stolen-property', 'firearms'],
    document: `query StolenFirearms($since: Date, $first: Int = 100, $after: String) {
  stolenProperty(filter: { kind: FIREARM, status: ACTIVE, reported: { from: $since } }, first: $first, after: $after) {
    edges { node { id reportedOn description item { serialNumber } location { address } } }
    ${PAGE}
  }
}`,
    columns: paged('stolenProperty', [
      { name: 'report', path: 'node.id' }, { name: 'reportedOn', path: 'node.reportedOn' }, { name: 'description', path: 'node.description' },
      { name: 'serialNumber', path: 'node.item.serialNumber' }, { name: 'address', path: 'node.location.address' },
    ]),
    parameterDescriptions: [{ name: 'since', description: 'First day reported, YYYY-MM-DD' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: {},
  },
  {
    id: 'SQ-LIB-08',
    name: 'Stolen property matches in vouchered property',
    description: 'Property invoices in a borough since a date whose items match a stolen property report by serial number.',
    tags: ['stolen-property', 'property'],
    document: `query StolenPropertyMatches($borough: Borough!, $since: Date, $first: Int = 10, $after: String) {
  propertyInvoices(filter: { borough: $borough, invoiced: { from: $since } }, first: $first, after: $after) {
    edges { node { number invoicedAt command items { item { serialNumber stolenReports(first: 3) { id status reportedOn } } } } }
    ${PAGE}
  }
}`,
    columns: paged('propertyInvoices', [
      { name: 'invoice', path: 'node.number' }, { name: 'invoicedAt', path: 'node.invoicedAt' }, { name: 'command', path: 'node.command' },
      { name: 'serialNumbers', path: 'node.items.item.serialNumber' }, { name: 'stolenReports', path: 'node.items.item.stolenReports.id' },
      { name: 'stolenStatus', path: 'node.items.item.stolenReports.status' },
    ]),
    parameterDescriptions: [{ name: 'borough', description: 'e.g. BROOKLYN' }, { name: 'since', description: 'First day invoiced, YYYY-MM-DD' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { borough: 'BROOKLYN' },
  },
  {
    id: 'SQ-LIB-09',
    name: 'Warrants for people arrested lately',
    description: 'People arrested in a borough since a date, with every warrant in their name: who walked out with an open warrant.',
    tags: ['warrants', 'arrests'],
    document: `query WarrantsOfRecentArrestees($borough: Borough!, $since: Date!, $first: Int = 50, $after: String) {
  arrests(filter: { borough: $borough, arrested: { from: $since } }, first: $first, after: $after) {
    edges { node { number arrestedAt person { id fullName warrants { number type status issuedOn } } } }
    ${PAGE}
  }
}`,
    columns: paged('arrests', [
      { name: 'arrest', path: 'node.number' }, { name: 'arrestedAt', path: 'node.arrestedAt' }, { name: 'personId', path: 'node.person.id' },
      { name: 'person', path: 'node.person.fullName' }, { name: 'warrants', path: 'node.person.warrants.number' },
      { name: 'warrantStatus', path: 'node.person.warrants.status' },
    ]),
    parameterDescriptions: [{ name: 'borough', description: 'e.g. BROOKLYN' }, { name: 'since', description: 'First day, YYYY-MM-DD' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { borough: 'BROOKLYN', since: '2015-01-01' },
  },
  {
    id: 'SQ-LIB-10',
    name: 'Active warrants from a borough’s courts',
    description: 'Active warrants issued by the courts of a borough, with the subject and last known address.',
    tags: ['warrants'],
    document: `query ActiveWarrants($borough: Borough!, $first: Int = 100, $after: String) {
  warrants(filter: { status: ACTIVE, borough: $borough }, first: $first, after: $after) {
    edges { node { number type issuedOn issuingCourt { name } subject { id fullName } lastKnownAddress { address } } }
    ${PAGE}
  }
}`,
    columns: paged('warrants', [
      { name: 'warrant', path: 'node.number' }, { name: 'type', path: 'node.type' }, { name: 'issuedOn', path: 'node.issuedOn' },
      { name: 'court', path: 'node.issuingCourt.name' }, { name: 'person', path: 'node.subject.fullName' }, { name: 'lastKnownAddress', path: 'node.lastKnownAddress.address' },
    ]),
    parameterDescriptions: [{ name: 'borough', description: 'e.g. BROOKLYN' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { borough: 'BROOKLYN' },
  },
  {
    id: 'SQ-LIB-11',
    name: 'Collisions with injuries in a precinct',
    description: 'Motor vehicle collisions with a person injured or killed in a precinct since a date: the traffic safety pattern.',
    tags: ['collisions', 'pattern'],
    document: `query InjuryCollisions($precinct: Int!, $since: Date, $first: Int = 100, $after: String) {
  collisions(filter: { precinct: $precinct, withInjuries: true, occurred: { from: $since } }, first: $first, after: $after) {
    edges { node { number occurredAt personsInjured personsKilled pedestriansInjured cyclistsInjured location { address } } }
    ${PAGE}
  }
}`,
    columns: paged('collisions', [
      { name: 'collision', path: 'node.number' }, { name: 'occurredAt', path: 'node.occurredAt' }, { name: 'injured', path: 'node.personsInjured' },
      { name: 'killed', path: 'node.personsKilled' }, { name: 'pedestrians', path: 'node.pedestriansInjured' }, { name: 'cyclists', path: 'node.cyclistsInjured' },
      { name: 'address', path: 'node.location.address' },
    ]),
    parameterDescriptions: [{ name: 'precinct', description: 'Precinct number' }, { name: 'since', description: 'First day, YYYY-MM-DD' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { precinct: 75 },
  },
  {
    id: 'SQ-LIB-12',
    name: 'Open felony complaints in a precinct',
    description: 'Felony complaints still open in a precinct, reported over a date range: the squad’s open caseload.',
    tags: ['complaints', 'pattern'],
    document: `query OpenFelonies($precinct: Int!, $from: Date, $to: Date, $first: Int = 100, $after: String) {
  complaints(filter: { precinct: $precinct, category: FELONY, status: OPEN, reported: { from: $from, to: $to } }, first: $first, after: $after) {
    edges { node { number reportedAt offense { lawCode description } premiseType location { address } } }
    ${PAGE}
  }
}`,
    columns: paged('complaints', [
      { name: 'complaint', path: 'node.number' }, { name: 'reportedAt', path: 'node.reportedAt' }, { name: 'offense', path: 'node.offense.lawCode' },
      { name: 'description', path: 'node.offense.description' }, { name: 'premise', path: 'node.premiseType' }, { name: 'address', path: 'node.location.address' },
    ]),
    parameterDescriptions: [{ name: 'precinct', description: 'Precinct number' }],
    suggestedPurpose: 'CRIMINAL_INVESTIGATION',
    example: { precinct: 75 },
  },
];
