import type { GraphQLError } from 'graphql';
import { badUserInput } from '../platform/errors/ErrorCode';
import type { OversizedInput } from './measureInput';

/** BAD_USER_INPUT naming the argument over its bound, the bound and the size given. */
export function oversizedInputError(oversized: OversizedInput): GraphQLError {
  const unit = oversized.bound === 'maxLength' ? 'characters' : 'items';
  return badUserInput(`${oversized.field}: argument ${oversized.argument} has ${oversized.actual} ${unit}; at most ${oversized.max}`, {
    field: oversized.field,
    argument: oversized.argument,
    [oversized.bound]: oversized.max,
  });
}
