import { Kind, parse, type DocumentNode } from 'graphql';

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
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) {
          for (const argument of field.arguments ?? []) {
            if (isMarked(argument.directives)) marked.add(`${definition.name.value}.${field.name.value}(${argument.name.value}:)`);
          }
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) if (isMarked(field.directives)) marked.add(`${definition.name.value}.${field.name.value}`);
        break;
    }
  }
  return marked;
}
