import { parse, type DocumentNode } from 'graphql';
import { inputCoordinates } from './inputCoordinates';

/**
 * Where the schema marks a search criterion as a protected characteristic [P7]:
 * `Type.field(argument:)` for arguments, `InputType.field` for input fields. Read wherever a
 * field or input field is declared (types, interfaces, their extensions): a mark the reader
 * skipped would let that criterion alone describe a person.
 */
export function readProtectedCharacteristics(supergraphSdl: string | DocumentNode): ReadonlySet<string> {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const marked = new Set<string>();
  const isMarked = (directives: readonly { name: { value: string } }[] | undefined) => !!directives?.some((d) => d.name.value === 'protectedCharacteristic');
  for (const { coordinate, directives } of inputCoordinates(document)) if (isMarked(directives)) marked.add(coordinate);
  return marked;
}
