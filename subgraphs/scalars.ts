import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../platform/errors/ErrorCode';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value;
  throw badUserInput(`Date must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

function parseDateTime(value: unknown): string {
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return new Date(value).toISOString();
  }
  throw badUserInput(`DateTime must be ISO-8601, got ${JSON.stringify(value)}`);
}

/** `Date` (calendar day) and `DateTime` (instant, UTC), shared by every subgraph's SDL. */
export const scalarResolvers = {
  Date: new GraphQLScalarType({
    name: 'Date',
    serialize: (value) => String(value).slice(0, 10),
    parseValue: parseDate,
    parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
  DateTime: new GraphQLScalarType({
    name: 'DateTime',
    serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
    parseValue: parseDateTime,
    parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
};
