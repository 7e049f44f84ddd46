import type { SqlParam } from './Database';
import type { SortKey } from '../../subgraphs/relayConnection';

/**
 * Builds a parameterised WHERE clause: `$` in a fragment becomes the next `$n`.
 * Values never enter the SQL text.
 */
export class Conditions {
  readonly params: SqlParam[] = [];
  private readonly parts: string[] = [];

  /** Adds `fragment` (with one `$` per value) when every value is present. */
  add(fragment: string, ...values: (SqlParam | undefined)[]): this {
    if (values.some((value) => value === undefined || value === null)) return this;
    let i = 0;
    this.parts.push(fragment.replace(/\$/g, () => this.param(values[i++] as SqlParam)));
    return this;
  }

  /** Adds a keyset condition `(sortColumn, idColumn) < (key)` for descending pages. */
  after(sortColumn: string, idColumn: string, key: SortKey | null): this {
    if (key) this.parts.push(`(${sortColumn}, ${idColumn}) < (${this.param(key[0])}, ${this.param(key[1])})`);
    return this;
  }

  param(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  toSql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }

  /** A copy of the conditions so far: clone before `after()` to count every match of the same filters. */
  clone(): Conditions {
    const copy = new Conditions();
    copy.params.push(...this.params);
    copy.parts.push(...this.parts);
    return copy;
  }
}
