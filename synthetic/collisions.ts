import { Random } from './Random';
import { instantInYear, pickPersonAged, recordSequenceOf, recordYearOf } from './complaints';
import type { Borough } from './nyc';
import { locationAt, locationId, nameAsRecorded, pickLocationIndex, scaleOf, type World } from './world';

/** Motor vehicle collision reports (police accident reports, MV-104AN). */

export interface SyntheticCollisionVehicle {
  vehicleIndex: number;
  /** Null when nobody drove it (parked) or the driver left the scene. */
  driverIndex: number | null;
  driverId: string | null;
  /** `UNKNOWN` for a driver who left the scene; null for a parked vehicle. */
  driverNameAsRecorded: string | null;
  contributingFactor: string;
}

export interface SyntheticCollision {
  index: number;
  /** `MV-YYYY-PPP-NNNNNN`: year, precinct, sequence. */
  number: string;
  occurredAt: string;
  borough: Borough;
  precinct: number;
  locationIndex: number;
  locationId: string;
  vehicles: SyntheticCollisionVehicle[];
  /** Everyone injured: occupants, pedestrians and cyclists. */
  personsInjured: number;
  personsKilled: number;
  pedestriansInjured: number;
  cyclistsInjured: number;
}

/** Contributing factors as the NYC Motor Vehicle Collisions data set spells them, weighted roughly as they occur. */
export const CONTRIBUTING_FACTORS = [
  ['Driver Inattention/Distraction', 250], ['Failure to Yield Right-of-Way', 80], ['Following Too Closely', 70],
  ['Unspecified', 150], ['Backing Unsafely', 40], ['Passing or Lane Usage Improper', 40], ['Passing Too Closely', 38],
  ['Unsafe Lane Changing', 30], ['Other Vehicular', 28], ['Unsafe Speed', 25], ['Turning Improperly', 22],
  ['Traffic Control Disregarded', 20], ['Driver Inexperience', 18], ['Alcohol Involvement', 10],
  ['Reaction to Uninvolved Vehicle', 10], ['View Obstructed/Limited', 10], ['Pavement Slippery', 8],
  ['Aggressive Driving/Road Rage', 7], ['Pedestrian/Bicyclist/Other Pedestrian Error/Confusion', 8],
  ['Oversized Vehicle', 6], ['Fatigued/Drowsy', 5], ['Brakes Defective', 3], ['Passenger Distraction', 3],
  ['Glare', 3], ['Cell Phone (hand-Held)', 1], ['Drugs (illegal)', 1],
] as const;

/** Licensed drivers in New York are at least 16 (learner permit). */
const MINIMUM_DRIVER_AGE = 16;

export function collisionNumber(year: number, precinct: number, sequence: number): string {
  return `MV-${year}-${String(precinct).padStart(3, '0')}-${String(sequence).padStart(6, '0')}`;
}

/** Collision `k` (0 <= k < scaleOf(world).collisions). */
export function collisionAt(world: World, k: number): SyntheticCollision {
  const rng = new Random(world.seed, 'collision', k);
  const year = recordYearOf(k);
  const occurredAt = instantInYear(rng, year);
  const locationIndex = pickLocationIndex(rng, world);
  const location = locationAt(world, locationIndex);
  const vehicleCount = rng.weighted([[1, 15], [2, 70], [3, 15]] as const);
  const vehiclePool = scaleOf(world).vehicles;
  const seenVehicles = new Set<number>();
  const drivers = new Set<number>();
  const vehicles: SyntheticCollisionVehicle[] = [];
  for (let position = 0; position < vehicleCount; position++) {
    let vehicleIndex = rng.int(0, vehiclePool - 1);
    for (let retry = 0; seenVehicles.has(vehicleIndex) && retry < 8; retry++) vehicleIndex = rng.int(0, vehiclePool - 1);
    if (seenVehicles.has(vehicleIndex)) continue;
    seenVehicles.add(vehicleIndex);
    // The first vehicle is the one the report blames; the others are mostly "Unspecified".
    const contributingFactor = position === 0 || rng.chance(0.3) ? rng.weighted(CONTRIBUTING_FACTORS) : 'Unspecified';
    const roll = rng.next();
    if (position > 0 && roll < 0.07) {
      vehicles.push({ vehicleIndex, driverIndex: null, driverId: null, driverNameAsRecorded: null, contributingFactor: 'Unspecified' });
    } else if (roll < 0.12) {
      vehicles.push({ vehicleIndex, driverIndex: null, driverId: null, driverNameAsRecorded: 'UNKNOWN', contributingFactor });
    } else {
      const driver = pickPersonAged(rng, world, MINIMUM_DRIVER_AGE, occurredAt, drivers);
      drivers.add(driver.index);
      vehicles.push({ vehicleIndex, driverIndex: driver.index, driverId: driver.id, driverNameAsRecorded: nameAsRecorded(rng, driver), contributingFactor });
    }
  }
  const occupantsInjured = rng.weighted([[0, 72], [1, 18], [2, 7], [3, 3]] as const);
  // Single-vehicle collisions are where pedestrians and cyclists get hurt.
  const pedestriansInjured = vehicles.length === 1 && rng.chance(0.45) ? rng.weighted([[1, 90], [2, 10]] as const) : 0;
  const cyclistsInjured = pedestriansInjured === 0 && rng.chance(vehicles.length === 1 ? 0.3 : 0.04) ? 1 : 0;
  const injured = occupantsInjured + pedestriansInjured + cyclistsInjured;
  return {
    index: k,
    number: collisionNumber(year, location.precinct, recordSequenceOf(k)),
    occurredAt,
    borough: location.borough,
    precinct: location.precinct,
    locationIndex,
    locationId: locationId(locationIndex),
    vehicles,
    personsInjured: injured,
    personsKilled: injured > 0 && rng.chance(0.006) ? 1 : 0,
    pedestriansInjured,
    cyclistsInjured,
  };
}
