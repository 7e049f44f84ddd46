import type { ReactNode } from 'react';

/**
 * A field's value, or why the policy withheld it: never a blank a reader could take for
 * "nothing on file".
 */
export function Withheld({ reason, children }: { reason: string | undefined; children: ReactNode }) {
  if (reason !== undefined) return <span className="withheld">withheld: {reason}</span>;
  return <>{children}</>;
}
