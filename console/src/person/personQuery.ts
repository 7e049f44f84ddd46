/**
 * The person page asks for every field the schema holds on a person, the policy's withheld ones
 * included: the gateway removes what the caller may not see before planning and says why, and
 * the page shows that reason in the field's place.
 */
export const PERSON_QUERY = `query ConsolePerson($id: ID!) {
  person(id: $id) {
    id fullName dateOfBirth sex race heightInches weightPounds eyeColor hairColor identifyingMarks nysid phone
    homeAddress { address borough precinct }
    placeOfBirth citizenshipStatus alienRegistrationNumber
    names { name kind }
    arrests(first: 10) { number arrestedAt topCharge { lawCode description } precinct }
    complaints(first: 10) { role complaint { number reportedAt offense { lawCode description } } }
    collisions(first: 10) { number occurredAt borough personsInjured }
    calls911(first: 10) { id receivedAt incidentType priority }
    serviceRequests311(first: 10) { id createdAt complaintType agency }
    warrants(first: 10) { number type status issuedOn issuingCourt { name } }
    ordersOfProtection(first: 10) { role order { number type status issuedOn expiresOn } }
  }
}`;

type Maybe<T> = T | null;

export interface PersonData {
  person: Maybe<{
    id: string;
    fullName: string;
    dateOfBirth: Maybe<string>;
    sex: string;
    race: Maybe<string>;
    heightInches: Maybe<number>;
    weightPounds: Maybe<number>;
    eyeColor: Maybe<string>;
    hairColor: Maybe<string>;
    identifyingMarks: Maybe<string[]>;
    nysid: Maybe<string>;
    phone: Maybe<string>;
    homeAddress: Maybe<{ address: string; borough: string; precinct: number }>;
    placeOfBirth: Maybe<string>;
    citizenshipStatus: Maybe<string>;
    alienRegistrationNumber: Maybe<string>;
    names: Maybe<{ name: string; kind: string }[]>;
    arrests: Maybe<{ number: string; arrestedAt: string; topCharge: { lawCode: string; description: string }; precinct: number }[]>;
    complaints: Maybe<{ role: string; complaint: { number: string; reportedAt: string; offense: { lawCode: string; description: string } } }[]>;
    collisions: Maybe<{ number: string; occurredAt: string; borough: string; personsInjured: number }[]>;
    calls911: Maybe<{ id: string; receivedAt: string; incidentType: string; priority: number }[]>;
    serviceRequests311: Maybe<{ id: string; createdAt: string; complaintType: string; agency: string }[]>;
    warrants: Maybe<{ number: string; type: string; status: string; issuedOn: string; issuingCourt: { name: string } }[]>;
    ordersOfProtection: Maybe<{ role: string; order: { number: string; type: string; status: string; issuedOn: string; expiresOn: string } }[]>;
  }>;
}
