import { useEffect, useState } from 'react';
import type { Session } from '../session/Session';
import type { DeclaredPurpose } from '../purpose/DeclaredPurpose';
import { graphqlRequest, type GraphQLAnswer } from './graphqlRequest';

export type OperationState<Data> = { loading: true; answer: null } | { loading: false; answer: GraphQLAnswer<Data> };

/**
 * Runs an operation when its inputs change; `skip` holds it back (no purpose declared yet,
 * an empty search box). A newer run replaces an older one still in flight.
 */
export function useOperation<Data>(
  session: Session,
  purpose: DeclaredPurpose | null,
  query: string,
  variables: Record<string, unknown>,
  skip = false,
): OperationState<Data> | null {
  const [state, setState] = useState<OperationState<Data> | null>(null);
  const key = JSON.stringify([session.token, purpose, query, variables, skip]);
  useEffect(() => {
    if (skip) {
      setState(null);
      return;
    }
    let current = true;
    setState({ loading: true, answer: null });
    graphqlRequest<Data>(session, purpose, query, variables).then(
      (answer) => current && setState({ loading: false, answer }),
      (error: unknown) =>
        current &&
        setState({
          loading: false,
          answer: { status: 0, data: null, errors: [{ message: `the gateway could not be reached: ${String(error)}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
        }),
    );
    return () => {
      current = false;
    };
    // `key` stands for every input: a new object with the same content runs nothing again.
  }, [key]);
  return state;
}
