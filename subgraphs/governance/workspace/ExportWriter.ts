import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { csvCell } from '../oversight/exportEvents';
import type { Column } from './ColumnMapping';
import type { ExportFormat } from './SavedQueryExports';

export interface WrittenExport {
  rowCount: number;
  byteCount: number;
  /** SHA-256 of the file's bytes, as written: kept in the EXPORT audit event [P18]. */
  sha256: string;
}

/**
 * Writes an export file row by row, hashing as it goes: a 100k-row result never sits in memory,
 * only the page being written. CSV cells are quoted and a cell a spreadsheet would run as a
 * formula is neutralised (csvCell); JSON is an object with the columns and one object a row,
 * values as the answer gave them (a program reads it, and must get the data unaltered).
 */
export class ExportWriter {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private rows = 0;
  private failed: Error | null = null;

  constructor(private readonly file: string, private readonly format: ExportFormat, private readonly columns: readonly Column[], header: Record<string, unknown>) {
    this.stream = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    this.stream.on('error', (error) => (this.failed = error));
    if (format === 'CSV') this.push(`${columns.map((c) => csvCell(c.name)).join(',')}\r\n`);
    else this.push(`{${Object.entries(header).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`).join('')}"columns":${JSON.stringify(columns.map((c) => c.name))},"rows":[`);
  }

  /** One page of rows (cells in column order); resolves once the stream can take more. */
  async write(rows: readonly (readonly (string | number | boolean | null)[])[]): Promise<void> {
    let text = '';
    for (const cells of rows) {
      if (this.format === 'CSV') text += `${cells.map(csvCell).join(',')}\r\n`;
      else text += `${this.rows ? ',' : ''}\n${JSON.stringify(Object.fromEntries(this.columns.map((c, i) => [c.name, cells[i] ?? null])))}`;
      this.rows++;
    }
    if (text && !this.push(text)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
    if (this.failed) throw this.failed;
  }

  async finish(): Promise<WrittenExport> {
    if (this.format === 'JSON') this.push(`\n],"rowCount":${this.rows}}\n`);
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (this.failed) throw this.failed;
    return { rowCount: this.rows, byteCount: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Stops and removes the partial file. */
  async abort(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(() => resolve()));
    await rm(this.file, { force: true });
  }

  private push(text: string): boolean {
    const chunk = Buffer.from(text, 'utf8');
    this.hash.update(chunk);
    this.bytes += chunk.length;
    return this.stream.write(chunk);
  }
}
