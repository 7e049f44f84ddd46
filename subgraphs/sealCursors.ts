import { getNamedType, GraphQLString, isObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { badUserInput } from '../platform/errors/ErrorCode';
import type { CursorCipher } from '../platform/identity/cursorCipher';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

const CURSOR_FIELDS = new Set(['cursor', 'startCursor', 'endCursor']);

/**
 * [P18] Every cursor this subgraph answers is sealed, and every `after` it is given is opened,
 * at the schema's edge: the stores keep their keyset cursors, and no cursor that leaves is
 * readable. A field that returns a string named `cursor`, `startCursor` or `endCursor` is a
 * cursor; a string argument named `after` takes one back. A cursor that does not open is
 * BAD_USER_INPUT, as a malformed one was.
 */
export function sealCursors(schema: GraphQLSchema, cipher: CursorCipher): GraphQLSchema {
  const middleware: Record<string, Record<string, (resolve: Resolve, ...rest: Parameters<Resolve>) => unknown>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const returnsCursor = CURSOR_FIELDS.has(field.name) && getNamedType(field.type) === GraphQLString;
      const takesCursor = field.args.some((arg) => arg.name === 'after' && getNamedType(arg.type) === GraphQLString);
      if (!returnsCursor && !takesCursor) continue;
      (middleware[type.name] ??= {})[field.name] = async (resolve, parent, args, context, info) => {
        let opened = args;
        if (takesCursor && typeof args.after === 'string' && args.after !== '') {
          const after = cipher.open(args.after);
          if (after === null) throw badUserInput('after is not a cursor this API issued', { argument: 'after' });
          opened = { ...args, after };
        }
        const result = await resolve(parent, opened, context, info);
        return returnsCursor && typeof result === 'string' ? cipher.seal(result) : result;
      };
    }
  }
  return applyMiddleware(schema, middleware);
}
