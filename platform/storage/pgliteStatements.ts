import type { PGlite } from '@electric-sql/pglite';
import { Parser } from 'pg-protocol/dist/parser';
import type { BackendMessage, DataRowMessage, RowDescriptionMessage } from 'pg-protocol/dist/messages';
import type { SqlParam } from './Database';

/** Distinct statement texts kept prepared; the least recently used one is closed past this. */
const MAX_STATEMENTS = 256;

/** A prepared statement that no longer fits the schema (a migration changed a table): prepare it again. */
const STALE_STATEMENT = new Set(['0A000', '26000']);

type Protocol = typeof import('@electric-sql/pglite').protocol;
type ParseDescribe = typeof import('@electric-sql/pglite').parse.parseDescribeStatementResults;

function join(parts: Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    message.set(part, at);
    at += part.length;
  }
  return message;
}

/**
 * Statements on PGlite in one round trip each, planned once per text. PGlite's `query` sends
 * six protocol messages one at a time (parse, describe, bind, describe, execute, sync) and
 * parses and plans the statement on every call, which costs the embedded stores' CPU more than
 * many statements cost to run. Here each distinct text is prepared once,
 * by name, with its parameter types, and planned once (the session keeps generic plans, see
 * openDatabase; PostgreSQL re-plans by itself when a table it reads changes), and each call is
 * bind, describe, execute and sync in one message. Parameters are serialized with PGlite's own
 * serializers and values read with its own type parsers, as its `query` does (the protocol
 * messages themselves: `Answer`). The caller serializes access (one statement at a time, none
 * during a transaction but the transaction's own).
 */
export function preparedStatements(
  pg: PGlite,
  { protocol, parseDescribe }: { protocol: Protocol; parseDescribe: ParseDescribe },
) {
  const { serialize } = protocol;
  const prepared = new Map<string, { name: string; paramTypes: number[] }>();
  let named = 0;

  async function prepare(sql: string): Promise<{ name: string; paramTypes: number[] }> {
    const known = prepared.get(sql);
    if (known) {
      prepared.delete(sql); // most recently used last
      prepared.set(sql, known);
      return known;
    }
    const name = `erms_${++named}`;
    const { messages } = await pg.execProtocol(join([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]));
    const statement = { name, paramTypes: parseDescribe(messages) };
    prepared.set(sql, statement);
    if (prepared.size > MAX_STATEMENTS) {
      const [oldest, old] = prepared.entries().next().value!;
      prepared.delete(oldest);
      await pg.execProtocol(join([serialize.close({ type: 'S', name: old.name }), serialize.sync()]));
    }
    return statement;
  }

  async function execute<Row>(sql: string, params: readonly SqlParam[]): Promise<Row[]> {
    const { name, paramTypes } = await prepare(sql);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[paramTypes[i]!];
      return serializer ? serializer(value) : value.toString();
    });
    const answer = new Answer(pg.parsers);
    await pg.execProtocolRawStream(
      join([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      // A chunk is a view of PGlite's WebAssembly memory, reused for the next one, and the parser
      // keeps a message cut across chunks until the rest arrives: it gets a copy.
      { syncToFs: true, onRawData: (chunk) => answer.parser.parse(Buffer.from(chunk), answer.take) },
    );
    if (answer.error) throw answer.error;
    return answer.rows as Row[];
  }

  return async function run<Row>(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    try {
      return await execute<Row>(sql, params);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !STALE_STATEMENT.has(code) || !prepared.has(sql)) throw error;
      const stale = prepared.get(sql)!;
      prepared.delete(sql);
      await pg.execProtocol(join([serialize.close({ type: 'S', name: stale.name }), serialize.sync()]));
      return execute<Row>(sql, params);
    }
  };
}

/**
 * The rows of one statement's answer, read from PGlite's raw protocol bytes by node-postgres's
 * parser. PGlite's own parser copies every field into a new buffer before decoding it: for a
 * subgraph returning 45 rows of 18 columns that was three quarters of the statement's CPU.
 * Values go through the same type parsers as PGlite's `query` (`pg.parsers`).
 */
class Answer {
  readonly parser = new Parser();
  readonly rows: Record<string, unknown>[] = [];
  error: Error | null = null;
  private names: string[] = [];
  private parsers: (((value: string, typeId: number) => unknown) | undefined)[] = [];
  private typeIds: number[] = [];

  constructor(private readonly typeParsers: Record<number, (value: string, typeId: number) => unknown>) {}

  readonly take = (message: BackendMessage): void => {
    switch (message.name) {
      case 'rowDescription': {
        const { fields } = message as RowDescriptionMessage;
        this.names = fields.map((field) => field.name);
        this.typeIds = fields.map((field) => field.dataTypeID);
        this.parsers = this.typeIds.map((typeId) => this.typeParsers[typeId]);
        break;
      }
      case 'dataRow': {
        const { fields } = message as DataRowMessage;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) {
          const value: string | null = fields[i];
          const parse = this.parsers[i];
          row[this.names[i]!] = value === null || !parse ? value : parse(value, this.typeIds[i]!);
        }
        this.rows.push(row);
        break;
      }
      case 'error':
        this.error ??= message as unknown as Error;
        break;
    }
  };
}
