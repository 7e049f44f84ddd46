import { Random } from './Random';
import { arrestOn, type SyntheticArrest } from './arrests';
import { newYorkDay, reportedComplaintAt, PROPERTY_OFFENSE, RECORDS_AS_OF, type ComplaintStatus, type SyntheticComplaint } from './complaints';
import type { World } from './world';

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(newYorkDay(from))) / 86_400_000;

/**
 * Complaint `k` (0 <= k < scaleOf(world).complaints), with its status and sealing as of
 * `RECORDS_AS_OF`. A case closes only on the conditions the retention policy names [P12]; it is
 * sealed when every arrest on it is sealed.
 */
export function complaintAt(world: World, k: number): SyntheticComplaint {
  return complaintWithArrestsAt(world, k).complaint;
}

/** Complaint `k` and the arrests made on it (a seeder stores both without generating them twice). */
export function complaintWithArrestsAt(world: World, k: number): { complaint: SyntheticComplaint; arrests: SyntheticArrest[] } {
  const reported = reportedComplaintAt(world, k);
  const arrests = reported.arrestIndices.map((index) => arrestOn(world, index, reported));
  const rng = new Random(world.seed, 'complaint-outcome', k);
  const age = daysBetween(reported.reportedAt, RECORDS_AS_OF);
  let status: ComplaintStatus = 'OPEN';
  if (arrests.length > 0) {
    // Closed only once every prosecution is decided and the time to appeal has run.
    if (arrests.every((arrest) => arrest.disposition !== 'PENDING') && age > 365) {
      status = rng.chance(0.06) ? 'CLOSED_SETTLEMENT' : 'CLOSED_PROSECUTION_COMPLETE';
    }
  } else if (age > 90) {
    if (PROPERTY_OFFENSE.test(reported.offense.lawCode) && rng.chance(0.35)) status = 'CLOSED_RESTITUTION_NOT_SOUGHT';
    else if (rng.chance(0.85)) status = 'CLOSED_NO_ARREST';
  }
  const sealed = arrests.length > 0 && arrests.every((arrest) => arrest.sealed);
  return { complaint: { ...reported, status, sealed, sealingStatute: sealed ? arrests[0]!.sealingStatute : null }, arrests };
}

