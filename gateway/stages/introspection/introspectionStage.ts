import { BREAK, visit } from 'graphql';
import { ermsError } from '../../../platform/errors/ErrorCode';
import type { Stage } from '../Stage';

/**
 * Introspection: on in the embedded default (the explorer and codegen need it), off in
 * production except for a developer role.
 */
export function introspectionStage(options: { production: boolean }): Stage {
  return {
    name: 'introspection',
    onOperation({ original, context }) {
      if (!options.production || context.subject.roles.includes('DEVELOPER')) return;
      let introspects = false;
      visit(original, {
        Field(node) {
          if (node.name.value === '__schema' || node.name.value === '__type') {
            introspects = true;
            return BREAK;
          }
          return undefined;
        },
      });
      if (introspects) throw ermsError('FORBIDDEN', 'introspection is disabled in production');
    },
  };
}
