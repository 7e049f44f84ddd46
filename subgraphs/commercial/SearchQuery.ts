/**
 * What one commercial search asks, normalised (names upper case, a phone as ten digits, serial
 * numbers and VINs without spaces): the same question always has the same form, so it is
 * charged once per request and found again in the cache.
 */
export interface PersonQuery {
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DD`; narrows the search when known. */
  dateOfBirth: string | null;
}

export type SearchQuery =
  | { kind: 'PERSON'; person: PersonQuery }
  | { kind: 'VEHICLE'; vin: string }
  | { kind: 'PHONE'; phone: string }
  | { kind: 'SOCIAL'; person: PersonQuery }
  | { kind: 'PAWN_BY_SERIAL'; serialNumber: string }
  | { kind: 'PAWN_BY_SELLER'; person: PersonQuery };

export type SearchKind = SearchQuery['kind'];
