/**
 * New York City geography the synthetic records are placed in: the five boroughs, their
 * patrol precincts (the real precinct numbers), a few streets each, and rough bounding boxes.
 */
export type Borough = 'MANHATTAN' | 'BRONX' | 'BROOKLYN' | 'QUEENS' | 'STATEN_ISLAND';

export interface BoroughInfo {
  name: Borough;
  /** Letter used in arrest numbers and court names: M, B, K, Q, S. */
  code: 'M' | 'B' | 'K' | 'Q' | 'S';
  county: string;
  precincts: readonly number[];
  streets: readonly string[];
  zipCodes: readonly string[];
  /** [south, west, north, east] */
  bounds: readonly [number, number, number, number];
  /** Share of the city's records. */
  weight: number;
}

export const BOROUGHS: readonly BoroughInfo[] = [
  {
    name: 'MANHATTAN', code: 'M', county: 'New York',
    precincts: [1, 5, 6, 7, 9, 10, 13, 14, 17, 18, 19, 20, 22, 23, 24, 25, 26, 28, 30, 32, 33, 34],
    streets: ['BROADWAY', 'AMSTERDAM AVENUE', 'LEXINGTON AVENUE', 'W 42 STREET', 'E 116 STREET', 'CANAL STREET',
      'ST NICHOLAS AVENUE', 'FREDERICK DOUGLASS BOULEVARD', 'AVENUE C', 'W 181 STREET', 'FIRST AVENUE', 'BOWERY'],
    zipCodes: ['10001', '10002', '10009', '10013', '10025', '10027', '10029', '10031', '10033', '10036', '10040'],
    bounds: [40.700, -74.020, 40.878, -73.907], weight: 20,
  },
  {
    name: 'BRONX', code: 'B', county: 'Bronx',
    precincts: [40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 52],
    streets: ['GRAND CONCOURSE', 'FORDHAM ROAD', 'WESTCHESTER AVENUE', 'E 149 STREET', 'JEROME AVENUE',
      'WHITE PLAINS ROAD', 'SOUTHERN BOULEVARD', 'CASTLE HILL AVENUE', 'BOSTON ROAD', 'TREMONT AVENUE'],
    zipCodes: ['10451', '10452', '10453', '10455', '10456', '10457', '10458', '10460', '10462', '10466', '10472'],
    bounds: [40.785, -73.933, 40.915, -73.765], weight: 20,
  },
  {
    name: 'BROOKLYN', code: 'K', county: 'Kings',
    precincts: [60, 61, 62, 63, 66, 67, 68, 69, 70, 71, 72, 73, 75, 76, 77, 78, 79, 81, 83, 84, 88, 90, 94],
    streets: ['FLATBUSH AVENUE', 'ATLANTIC AVENUE', 'EASTERN PARKWAY', 'PITKIN AVENUE', 'FULTON STREET',
      'NOSTRAND AVENUE', 'KINGS HIGHWAY', 'BROADWAY', 'LINDEN BOULEVARD', 'SURF AVENUE', 'MYRTLE AVENUE', '86 STREET'],
    zipCodes: ['11201', '11203', '11206', '11207', '11212', '11213', '11216', '11221', '11224', '11226', '11233'],
    bounds: [40.571, -74.042, 40.739, -73.856], weight: 30,
  },
  {
    name: 'QUEENS', code: 'Q', county: 'Queens',
    precincts: [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116],
    streets: ['JAMAICA AVENUE', 'ROOSEVELT AVENUE', 'QUEENS BOULEVARD', 'NORTHERN BOULEVARD', 'HILLSIDE AVENUE',
      'LIBERTY AVENUE', 'MERRICK BOULEVARD', 'STEINWAY STREET', 'MAIN STREET', 'ROCKAWAY BEACH BOULEVARD'],
    zipCodes: ['11101', '11354', '11368', '11372', '11373', '11377', '11385', '11412', '11432', '11434', '11691'],
    bounds: [40.541, -73.962, 40.800, -73.700], weight: 22,
  },
  {
    name: 'STATEN_ISLAND', code: 'S', county: 'Richmond',
    precincts: [120, 121, 122, 123],
    streets: ['VICTORY BOULEVARD', 'RICHMOND AVENUE', 'FOREST AVENUE', 'HYLAN BOULEVARD', 'BAY STREET',
      'CASTLETON AVENUE', 'PORT RICHMOND AVENUE', 'AMBOY ROAD'],
    zipCodes: ['10301', '10302', '10303', '10304', '10305', '10306', '10310', '10312', '10314'],
    bounds: [40.496, -74.255, 40.649, -74.052], weight: 8,
  },
];

export const BOROUGH_NAMES: readonly Borough[] = BOROUGHS.map((b) => b.name);

export function boroughOfPrecinct(precinct: number): BoroughInfo | undefined {
  return BOROUGHS.find((b) => b.precincts.includes(precinct));
}

/** Command name as it appears on NYPD paperwork, e.g. `075 PCT`. */
export function precinctCommand(precinct: number): string {
  return `${String(precinct).padStart(3, '0')} PCT`;
}
