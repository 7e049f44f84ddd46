import {
  getNamedType, isCompositeType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType,
  type GraphQLArgument, type GraphQLInputType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';

/**
 * A valid-looking query built from the API schema by a sequence of choices: fast-check shrinks
 * the choices towards 0, and choice 0 is always the simplest (first field, no alias, no
 * optional argument, no fragment), so a failing document shrinks to a small one.
 */
export interface BuiltDocument {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

/** Values a fuzzed argument takes: real keys of the seeded world, and junk. */
export interface ValuePool {
  strings: readonly string[];
  ints: readonly number[];
}

class Choices {
  private at = 0;
  constructor(private readonly values: readonly number[]) {}
  /** A number in [0, n). */
  next(n: number): number {
    if (n <= 1) return 0;
    return (this.values[this.at++] ?? 0) % n;
  }
  /** True `percent` times in 100 (never once the choices run out). */
  chance(percent: number): boolean {
    return this.next(100) >= 100 - percent;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.next(items.length)]!;
  }
}

const DATES = ['2024-01-01', '2025-12-31', '1990-02-30', 'yesterday'];
const DATETIMES = ['2025-03-14T22:05:00.000Z', '2025-13-01T00:00:00Z', 'now'];

export function buildDocument(schema: GraphQLSchema, values: readonly number[], pool: ValuePool): BuiltDocument {
  const choices = new Choices(values);
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const fragments: string[] = [];
  const maxDepth = 1 + choices.next(5);

  /** A literal for an input type, with the value a variable would carry instead. */
  const value = (type: GraphQLInputType, depth = 0): { literal: string; json: unknown } => {
    if (isNonNullType(type)) return value(type.ofType, depth);
    if (isListType(type)) {
      const items = Array.from({ length: choices.next(3) }, () => value(type.ofType, depth + 1));
      return { literal: `[${items.map((i) => i.literal).join(', ')}]`, json: items.map((i) => i.json) };
    }
    if (choices.chance(4)) return { literal: 'null', json: null };
    if (isEnumType(type)) {
      const name = choices.chance(5) ? 'NOT_A_VALUE' : choices.pick(type.getValues()).name;
      return { literal: name, json: name };
    }
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || (depth < 3 && choices.chance(40)));
      const parts = fields.map((f) => ({ name: f.name, ...value(f.type, depth + 1) }));
      return { literal: `{ ${parts.map((p) => `${p.name}: ${p.literal}`).join(', ')} }`, json: Object.fromEntries(parts.map((p) => [p.name, p.json])) };
    }
    const scalar = (json: unknown) => ({ literal: JSON.stringify(json), json });
    switch (type.name) {
      case 'Int': return scalar(choices.pick(pool.ints));
      case 'Float': return scalar(choices.pick([0, 1.5, -3, 1e9]));
      case 'Boolean': return scalar(choices.next(2) === 1);
      case 'Date': return scalar(choices.pick(DATES));
      case 'DateTime': return scalar(choices.pick(DATETIMES));
      default: return scalar(choices.pick(pool.strings));
    }
  };

  const argument = (arg: GraphQLArgument): string => {
    if (choices.chance(20)) {
      const name = `v${definitions.length}`;
      definitions.push(`$${name}: ${String(arg.type)}`);
      variables[name] = value(arg.type).json;
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${value(arg.type).literal}`;
  };

  const selectionSet = (type: GraphQLNamedType, depth: number): string => {
    if (!isObjectType(type)) return '{ __typename }';
    const fields = Object.values((type as GraphQLObjectType).getFields());
    const selections: string[] = [];
    const count = 1 + choices.next(3);
    for (let i = 0; i < count; i++) {
      const field = choices.pick(fields);
      const alias = choices.chance(15) ? `a${choices.next(4)}: ` : '';
      const args = field.args.filter((a) => isNonNullType(a.type) || choices.chance(30)).map(argument);
      const named = getNamedType(field.type);
      const below = isCompositeType(named) ? (depth >= maxDepth ? ' { __typename }' : ` ${selectionSet(named, depth + 1)}`) : '';
      let selection = `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${below}`;
      if (choices.chance(8)) selection = `... on ${type.name} { ${selection} }`;
      else if (choices.chance(8)) {
        const name = `F${fragments.length}`;
        fragments.push(`fragment ${name} on ${type.name} { ${selection} }`);
        selection = `...${name}`;
      }
      selections.push(selection);
    }
    if (choices.chance(10)) selections.push('__typename');
    return `{ ${selections.join(' ')} }`;
  };

  const root = schema.getQueryType()!;
  const body = selectionSet(root, 1);
  const named = choices.chance(30);
  const header = named || definitions.length ? `query${named ? ' Fuzz' : ''}${definitions.length ? `(${definitions.join(', ')})` : ''} ` : '';
  return {
    query: [`${header}${body}`, ...fragments].join(' '),
    variables,
    ...(named ? { operationName: choices.chance(10) ? 'Other' : 'Fuzz' } : {}),
  };
}
