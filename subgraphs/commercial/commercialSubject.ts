import { fieldError } from '../../platform/errors/ErrorCode';
import type { PersonQuery } from './SearchQuery';

/** The subject of a search as a client gives it (`CommercialSubject`), or a record holds it. */
export interface SubjectInput {
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
  phone?: string | null;
  serialNumber?: string | null;
  vin?: string | null;
}

const NAME = /^[A-Z][A-Z '.-]{0,49}$/;
const SERIAL = /^[A-Z0-9-]{4,32}$/;
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

const missing = (what: string, field: string) => fieldError('BAD_USER_INPUT', `this search needs ${what}`, { argument: `subject.${field}` });

/**
 * Normalised search terms, checked before anything is charged: names upper case, single spaced;
 * a phone as ten digits; serial numbers and VINs upper case without spaces.
 */
export function personQueryOf(subject: SubjectInput): PersonQuery {
  const firstName = normalName(subject.firstName);
  const lastName = normalName(subject.lastName);
  if (!firstName || !NAME.test(firstName)) throw missing('a first name (letters, spaces, - . \')', 'firstName');
  if (!lastName || !NAME.test(lastName)) throw missing('a last name (letters, spaces, - . \')', 'lastName');
  return { firstName, lastName, dateOfBirth: subject.dateOfBirth ?? null };
}

export function phoneOf(subject: SubjectInput): string {
  const digits = (subject.phone ?? '').replace(/[\s().+-]/g, '');
  const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (!/^[2-9]\d{9}$/.test(ten)) throw missing('a North American phone number (ten digits)', 'phone');
  return ten;
}

export function serialNumberOf(subject: SubjectInput): string {
  const serial = (subject.serialNumber ?? '').replace(/\s+/g, '').toUpperCase();
  if (!SERIAL.test(serial)) throw missing('a serial number (4 to 32 letters and digits)', 'serialNumber');
  return serial;
}

export function vinOf(subject: SubjectInput): string {
  const vin = (subject.vin ?? '').replace(/\s+/g, '').toUpperCase();
  if (!VIN.test(vin)) throw missing('a 17-character VIN', 'vin');
  return vin;
}

const normalName = (name: string | null | undefined) => (name ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
