import { Kind, parse, type DocumentNode } from 'graphql';

/**
 * Where the schema marks a search criterion as a protected characteristic [P7]:
 * `Type.field(argument:)` for arguments, `InputType.field` for input fields.
 */
export function readProtectedCharacteristics(supergraphSdl: string | DocumentNode): ReadonlySet<string> {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const marked = new Set<string>();
  const isMarked = (directives: readonly { name: { value: string } }[] | undefined) => !!directives?.some((d) => d.name.value === 'protectedCharacteristic');
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) {
        for (const argument of field.arguments ?? []) {
          if (isMarked(argument.directives)) marked.add(`${definition.name.value}.${field.name.value}(${argument.name.value}:)`);
        }
      }
    }
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) if (isMarked(field.directives)) marked.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return marked;
}
