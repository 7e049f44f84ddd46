import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import { inputCoordinates } from './inputCoordinates';

/** How big one argument or input field may be: characters of each string, items of each list. */
export interface InputBound {
  maxLength: number;
  maxItems: number;
}

/** Bounds by coordinate (`Type.field(argument:)`, `InputType.field`), and the default for the rest. */
export interface InputBounds {
  byCoordinate: ReadonlyMap<string, Partial<InputBound>>;
  defaults: InputBound;
}

/**
 * The default for an argument the schema gives no `@constraint`: long enough for any name,
 * address, code or cursor a lawful search sends, far too short to make one statement slow.
 * A list argument may hold as many items as the largest page.
 */
export const DEFAULT_INPUT_BOUND: InputBound = { maxLength: 256, maxItems: 100 };

/**
 * Reads every `@constraint(maxLength:, maxItems:)` of an SDL (the composed supergraph at the
 * gateway, a subgraph's own SDL in the subgraph): the schema is the one place that says how long
 * an argument may be.
 */
export function readInputBounds(sdl: string | DocumentNode, defaults: InputBound = DEFAULT_INPUT_BOUND): InputBounds {
  const document = typeof sdl === 'string' ? parse(sdl) : sdl;
  const byCoordinate = new Map<string, Partial<InputBound>>();
  const note = (coordinate: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    const constraint = directives?.find((d) => d.name.value === 'constraint');
    if (!constraint) return;
    const bound: Partial<InputBound> = {};
    for (const argument of constraint.arguments ?? []) {
      if (argument.value.kind !== Kind.INT) continue;
      if (argument.name.value === 'maxLength') bound.maxLength = Number(argument.value.value);
      if (argument.name.value === 'maxItems') bound.maxItems = Number(argument.value.value);
    }
    byCoordinate.set(coordinate, bound);
  };
  for (const { coordinate, directives } of inputCoordinates(document)) note(coordinate, directives);
  return { byCoordinate, defaults };
}
