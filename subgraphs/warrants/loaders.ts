import type DataLoader from 'dataloader';
import type { Database } from '../../platform/storage/Database';
import { manyByKey, oneByKey } from '../keyedLoader';
import { ORDER_SELECT, STOLEN_SELECT, WARRANT_SELECT, type OrderRow, type StolenPropertyRow, type WarrantRow } from './records';

/**
 * Per-request DataLoaders: every fetch by key or by parent costs one statement per tick,
 * whatever the number of parents. Warrants come from the view `criminal_warrant` only [P15].
 */
export interface WarrantsLoaders {
  warrantByNumber: DataLoader<string, (WarrantRow & { key: string }) | null>;
  warrantsBySubject: DataLoader<string, (WarrantRow & { key: string })[]>;
  orderByNumber: DataLoader<string, (OrderRow & { key: string }) | null>;
  orderPartiesByPerson: DataLoader<string, OrderPartyRow[]>;
  stolenPropertyById: DataLoader<string, (StolenPropertyRow & { key: string }) | null>;
  stolenPropertyBySerial: DataLoader<string, (StolenPropertyRow & { key: string })[]>;
  stolenPropertyByVin: DataLoader<string, (StolenPropertyRow & { key: string })[]>;
}

export type OrderPartyRow = OrderRow & { key: string; role: 'RESPONDENT' | 'PROTECTED_PARTY'; name_as_recorded: string };

export function createLoaders(db: Database): WarrantsLoaders {
  return {
    warrantByNumber: oneByKey(db, `SELECT number AS key, ${WARRANT_SELECT} FROM criminal_warrant WHERE number = ANY($1::text[])`),
    warrantsBySubject: manyByKey(
      db,
      `SELECT subject_id AS key, ${WARRANT_SELECT} FROM criminal_warrant
       WHERE subject_id = ANY($1::text[]) ORDER BY issued_on DESC, number DESC`,
    ),
    orderByNumber: oneByKey(db, `SELECT number AS key, ${ORDER_SELECT} FROM order_of_protection WHERE number = ANY($1::text[])`),
    orderPartiesByPerson: manyByKey(
      db,
      `SELECT * FROM (
         SELECT respondent_id AS key, 'RESPONDENT' AS role, respondent_name_as_recorded AS name_as_recorded, ${ORDER_SELECT}
         FROM order_of_protection WHERE respondent_id = ANY($1::text[])
         UNION ALL
         SELECT protected_party_id AS key, 'PROTECTED_PARTY' AS role, protected_party_name_as_recorded AS name_as_recorded, ${ORDER_SELECT}
         FROM order_of_protection WHERE protected_party_id = ANY($1::text[])
       ) AS parties ORDER BY issued_on DESC, number DESC`,
    ),
    stolenPropertyById: oneByKey(db, `SELECT id AS key, ${STOLEN_SELECT} FROM stolen_property WHERE id = ANY($1::text[])`),
    stolenPropertyBySerial: manyByKey(
      db,
      `SELECT serial_number AS key, ${STOLEN_SELECT} FROM stolen_property
       WHERE serial_number = ANY($1::text[]) ORDER BY reported_on DESC, id DESC`,
    ),
    stolenPropertyByVin: manyByKey(
      db,
      `SELECT vin AS key, ${STOLEN_SELECT} FROM stolen_property WHERE vin = ANY($1::text[]) ORDER BY reported_on DESC, id DESC`,
    ),
  };
}
