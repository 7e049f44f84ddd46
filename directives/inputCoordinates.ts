import { Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** An argument (`Type.field(argument:)`) or an input field (`InputType.field`), with its directives. */
export interface InputCoordinate {
  coordinate: string;
  directives: readonly ConstDirectiveNode[] | undefined;
}

/**
 * Every place an SDL declares an input a caller fills: arguments of object and interface fields,
 * and input fields, in definitions and extensions alike (a subgraph's `extend type Query` declares
 * its searches). The readers of `@constraint` and `@protectedCharacteristic` walk this one list,
 * so an input one of them skipped cannot escape its bound or its mark [P7].
 */
export function* inputCoordinates(document: DocumentNode): Generator<InputCoordinate> {
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) {
          for (const argument of field.arguments ?? []) yield { coordinate: `${definition.name.value}.${field.name.value}(${argument.name.value}:)`, directives: argument.directives };
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) yield { coordinate: `${definition.name.value}.${field.name.value}`, directives: field.directives };
        break;
    }
  }
}
