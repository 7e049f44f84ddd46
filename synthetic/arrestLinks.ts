import { Random } from './Random';
import { RECORD_YEARS } from './recordYears';
import { scaleOf, type World } from './world';

/**
 * Which arrests were made on which complaint: index arithmetic both `arrests.ts` and
 * `complaints.ts` read, so neither needs the other to know it.
 */

export const LINKED_SHARE = 0.7;
const CO_DEFENDANT_SHARE = 0.12;

/**
 * Which complaint arrest `k` was made on, if any. Arrest `8q + r` may be made on complaint
 * `16q + r` (same year: both are numbered by `k % 8`); when `q` is odd it may instead be a
 * co-defendant's arrest on complaint `16(q - 1) + r`. Each complaint is reachable from two
 * arrests at most, so a complaint lists its own arrests (`arrestIndicesOfComplaint`) without scanning.
 */
export function complaintIndexOfArrest(world: World, k: number): number | null {
  const scale = scaleOf(world);
  if (k < 0 || k >= scale.arrests) return null;
  const q = Math.floor(k / RECORD_YEARS);
  const r = k % RECORD_YEARS;
  const roll = new Random(world.seed, 'arrest-link', k).next();
  let complaint: number | null = null;
  if (q % 2 === 1 && roll < CO_DEFENDANT_SHARE) complaint = 16 * (q - 1) + r;
  else if (roll < LINKED_SHARE) complaint = 16 * q + r;
  return complaint !== null && complaint < scale.complaints ? complaint : null;
}

/**
 * The arrests made on complaint `j`, oldest index first. The i-th of them is the arrest of the
 * complaint's i-th suspect.
 */
export function arrestIndicesOfComplaint(world: World, j: number): number[] {
  const r = j % 16;
  if (r >= RECORD_YEARS) return [];
  const p = Math.floor(j / 16);
  const candidates = p % 2 === 0 ? [RECORD_YEARS * p + r, RECORD_YEARS * (p + 1) + r] : [RECORD_YEARS * p + r];
  return candidates.filter((k) => complaintIndexOfArrest(world, k) === j);
}
