import { Random } from './Random';
import { arrestAt } from './arrests';
import { instantInYear, laterInYear, recordYearOf, reportedComplaintAt } from './complaints';
import { complaintAt } from './complaintAt';
import { precinctCommand, type Borough } from './nyc';
import {
  locationAt, personId, pickLocationIndex, pickPersonIndex, propertyItemAt, scaleOf, type PropertyCategory, type World,
} from './world';

/** Property invoices (vouchers): property the department takes into custody, and why. */

export type InvoiceCategory =
  | 'ARREST_EVIDENCE' | 'INVESTIGATORY_EVIDENCE' | 'SAFEKEEPING' | 'FOUND_PROPERTY' | 'DECEDENT_PROPERTY';

export interface SyntheticInvoicedItem {
  itemIndex: number;
  serialNumber: string;
  quantity: number;
  /** Declared value in dollars; null when none was declared. */
  value: number | null;
}

export interface SyntheticPropertyInvoice {
  index: number;
  /** 10 digits. */
  number: string;
  invoicedAt: string;
  category: InvoiceCategory;
  command: string;
  borough: Borough;
  items: SyntheticInvoicedItem[];
  arrestIndex: number | null;
  arrestNumber: string | null;
  complaintIndex: number | null;
  complaintNumber: string | null;
  ownerIndex: number | null;
  ownerId: string | null;
  /**
   * [P12] Sealed with its arrest or complaint: CPL 160.50 seals "all official records and papers
   * relating to the arrest", the property taken at it included. Juvenile likewise.
   */
  sealed: boolean;
  juvenile: boolean;
}

/** One-to-one on 9 digits (the multiplier is prime to 10^9): invoice numbers never collide. */
export const propertyInvoiceNumber = (k: number) => String(3_000_000_000 + ((k * 48_271 + 104_729) % 1_000_000_000));

const VALUE_RANGES: Record<PropertyCategory, readonly [number, number]> = {
  ELECTRONICS: [150, 1600], JEWELRY: [200, 15000], FIREARM: [300, 900], BICYCLE: [200, 2500], TOOLS: [80, 450],
  CURRENCY_CONTAINER: [100, 2500],
};

/**
 * One pick in ten comes from a small set of items that keep coming back (a phone found,
 * returned, then seized again), so serial numbers recur across invoices, which is what a
 * serial-number search is for.
 */
function itemsOf(rng: Random, world: World): SyntheticInvoicedItem[] {
  const pool = scaleOf(world).propertyItems;
  const count = rng.weighted([[1, 55], [2, 25], [3, 12], [4, 8]] as const);
  const seen = new Set<number>();
  const items: SyntheticInvoicedItem[] = [];
  for (let i = 0; i < count; i++) {
    const itemIndex = rng.chance(0.1) ? rng.int(0, Math.min(pool, Math.max(20, Math.floor(pool / 100))) - 1) : rng.int(0, pool - 1);
    if (seen.has(itemIndex)) continue;
    seen.add(itemIndex);
    const item = propertyItemAt(world, itemIndex);
    const [low, high] = VALUE_RANGES[item.category];
    items.push({
      itemIndex,
      serialNumber: item.serialNumber,
      quantity: item.category === 'TOOLS' ? rng.weighted([[1, 80], [2, 15], [3, 5]] as const) : 1,
      value: rng.chance(0.1) ? null : Math.round(rng.int(low, high) / 5) * 5,
    });
  }
  return items;
}

/** Invoice `k` (0 <= k < scaleOf(world).propertyInvoices); about half are made at an arrest. */
export function propertyInvoiceAt(world: World, k: number): SyntheticPropertyInvoice {
  const rng = new Random(world.seed, 'property-invoice', k);
  const scale = scaleOf(world);
  const base = { index: k, number: propertyInvoiceNumber(k), items: itemsOf(rng, world) };
  if (rng.chance(0.5)) {
    const arrest = arrestAt(world, rng.int(0, scale.arrests - 1));
    return {
      ...base,
      invoicedAt: laterInYear(arrest.arrestedAt, rng.int(45, 480)),
      category: rng.chance(0.85) ? 'ARREST_EVIDENCE' : 'SAFEKEEPING',
      command: arrest.command,
      borough: arrest.borough,
      arrestIndex: arrest.index,
      arrestNumber: arrest.number,
      complaintIndex: arrest.complaintIndex,
      complaintNumber: arrest.complaintNumber,
      ownerIndex: arrest.personIndex,
      ownerId: arrest.personId,
      ...sealingOf([arrest, ...(arrest.complaintIndex === null ? [] : [complaintAt(world, arrest.complaintIndex)])]),
    };
  }
  const category = rng.weighted([['INVESTIGATORY_EVIDENCE', 40], ['FOUND_PROPERTY', 35], ['SAFEKEEPING', 15], ['DECEDENT_PROPERTY', 10]] as const);
  if (category === 'INVESTIGATORY_EVIDENCE' && rng.chance(0.6)) {
    const complaint = reportedComplaintAt(world, rng.int(0, scale.complaints - 1));
    const victim = complaint.parties.find((party) => party.role === 'VICTIM');
    return {
      ...base,
      invoicedAt: laterInYear(complaint.reportedAt, rng.int(60, 4320)),
      category,
      command: precinctCommand(complaint.precinct),
      borough: complaint.borough,
      arrestIndex: null,
      arrestNumber: null,
      complaintIndex: complaint.index,
      complaintNumber: complaint.number,
      ownerIndex: victim?.personIndex ?? null,
      ownerId: victim?.personId ?? null,
      ...sealingOf([complaintAt(world, complaint.index)]),
    };
  }
  const location = locationAt(world, pickLocationIndex(rng, world));
  // Found property usually has no known owner; the rest was taken from someone.
  const ownerIndex = category === 'FOUND_PROPERTY' && rng.chance(0.7) ? null : pickPersonIndex(rng, world);
  return {
    ...base,
    invoicedAt: instantInYear(rng, recordYearOf(k)),
    category,
    command: precinctCommand(location.precinct),
    borough: location.borough,
    arrestIndex: null,
    arrestNumber: null,
    complaintIndex: null,
    complaintNumber: null,
    ownerIndex,
    ownerId: ownerIndex === null ? null : personId(ownerIndex),
    sealed: false,
    juvenile: false,
  };
}

/** Sealed or juvenile when any record it is linked to is (the invoice is one of "the papers relating to" it). */
function sealingOf(linked: readonly { sealed: boolean; juvenile: boolean }[]): { sealed: boolean; juvenile: boolean } {
  return { sealed: linked.some((record) => record.sealed), juvenile: linked.some((record) => record.juvenile) };
}
