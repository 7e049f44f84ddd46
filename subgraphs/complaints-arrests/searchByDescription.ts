import { readProtectedCharacteristics } from '../../directives/readProtectedCharacteristics';
import { badUserInput, ermsError } from '../../platform/errors/ErrorCode';
import { CRITERION_RANGES, emptyTally, onlyProtected, tallyCriterion } from '../../policy/searchCriterion';
import { loadSdl } from '../../schema/loadSdl';
import { Conditions } from '../../platform/storage/Conditions';
import { escapeLike } from '../../platform/storage/escapeLike';
import type { Database } from '../../platform/storage/Database';
import { pageOf, toConnection, type Connection, type PageArgs } from '../relayConnection';
import { normalizeName } from './normalizeName';
import { selectPerson, type PersonRow } from './records';

/** A description of a person; the gateway refuses one made only of protected characteristics [P7]. */
export interface PersonDescription {
  race?: string | null;
  sex?: string | null;
  ageMin?: number | null;
  ageMax?: number | null;
  name?: string | null;
  dateOfBirth?: string | null;
  identifyingMark?: string | null;
  heightMinInches?: number | null;
  heightMaxInches?: number | null;
  weightMinPounds?: number | null;
  weightMaxPounds?: number | null;
  eyeColor?: string | null;
  hairColor?: string | null;
  homePrecinct?: number | null;
}

/** The description's criteria this subgraph's own schema marks as protected characteristics. */
const PROTECTED = readProtectedCharacteristics(loadSdl('complaints-arrests'));

/**
 * [P7] The gateway's check, made again here (defence in depth) on the same rule: a description
 * whose only criteria that narrow the search are protected characteristics is refused, and a
 * blank criterion is bad input.
 */
export function checkDescription(description: PersonDescription): void {
  const tally = emptyTally();
  for (const [name, value] of Object.entries(description)) tallyCriterion(tally, name, PROTECTED.has(`PersonDescription.${name}`), value, CRITERION_RANGES.get(`PersonDescription.${name}`));
  if (tally.blank.length) throw badUserInput(`${tally.blank.join(', ')} is blank; leave a criterion out rather than send it empty`, { blank: tally.blank });
  if (onlyProtected(tally)) {
    throw ermsError('PROTECTED_CHARACTERISTICS_ONLY', `${tally.protectedGiven.join(', ')} alone never describe a person; add another identifying characteristic`, { protected: tally.protectedGiven });
  }
  if (tally.narrowing === 0 && tally.protectedGiven.length === 0) throw badUserInput('describe the person: at least one criterion', { argument: 'description' });
}

/** Persons matching every criterion given, in id order, by keyset. */
export async function searchByDescription(db: Database, description: PersonDescription, args: PageArgs): Promise<Connection<PersonRow>> {
  checkDescription(description);
  const page = pageOf(args);
  const where = new Conditions()
    .add('p.race = $', description.race?.toUpperCase())
    .add('p.sex = $', description.sex)
    .add(`p.date_of_birth <= (current_date - make_interval(years => $::int))`, description.ageMin)
    .add(`p.date_of_birth > (current_date - make_interval(years => $::int + 1))`, description.ageMax)
    .add('p.date_of_birth = $::date', description.dateOfBirth)
    .add('p.height_inches >= $', description.heightMinInches)
    .add('p.height_inches <= $', description.heightMaxInches)
    .add('p.weight_pounds >= $', description.weightMinPounds)
    .add('p.weight_pounds <= $', description.weightMaxPounds)
    .add('p.eye_color = $', description.eyeColor?.toUpperCase())
    .add('p.hair_color = $', description.hairColor?.toUpperCase())
    .add(
      "EXISTS (SELECT 1 FROM unnest(p.identifying_marks) AS mark WHERE mark ILIKE '%' || $ || '%' ESCAPE '\\')",
      description.identifyingMark?.trim() ? escapeLike(description.identifyingMark.trim()) : undefined,
    )
    // Through the distinct names' trigram index (name_form), as searchPersons does: a scan of
    // every name on file, scoring each against a long string, held the store for seconds.
    .add(
      'p.id IN (SELECT n.person_id FROM name_form f JOIN person_name n ON n.normalized = f.normalized WHERE f.normalized % $)',
      description.name ? normalizeName(description.name) : undefined,
    )
    .add('p.home_location_id IN (SELECT id FROM location WHERE precinct = $)', description.homePrecinct);
  const counted = where.clone();
  if (page.after) where.add('p.id > $', page.after[1]);
  const limit = where.param(page.limit);
  const rows = await db.query<PersonRow>(`SELECT ${selectPerson('p')} FROM person p ${where.toSql()} ORDER BY p.id LIMIT ${limit}`, where.params);
  const totalCount = async () => {
    const [row] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM person p ${counted.toSql()}`, counted.params);
    return row?.count ?? 0;
  };
  return toConnection(rows, page, (row) => [row.id, row.id], totalCount);
}
