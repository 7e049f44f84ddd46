import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExportWriter } from '../ExportWriter';

const columns = [{ name: 'arrest', path: 'node.number' }, { name: 'note', path: 'node.note' }];

describe('an export file is written page by page, hashed as written', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'workspace-writer-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['=', '=1+1'], ['+', '+1'], ['-', '-2+3'], ['@', '@SUM(A1)'], ['tab', '\tcmd'], ['carriage return', '\rcmd'],
  ])('CSV: a cell starting with %s is neutralised, never a formula', async (_prefix, value) => {
    const file = path.join(dir, `f-${Math.random()}.csv`);
    const writer = new ExportWriter(file, 'CSV', columns, {});
    await writer.write([['K1', value]]);
    await writer.finish();
    expect(readFileSync(file, 'utf8').split('\r\n')[1]).toBe(`"K1","'${value.replace(/"/g, '""')}"`);
  });

  it('CSV and JSON: the SHA-256 returned is the hash of the bytes on disk; rows counted across pages', async () => {
    for (const format of ['CSV', 'JSON'] as const) {
      const file = path.join(dir, `pages.${format}`);
      const writer = new ExportWriter(file, format, columns, { savedQueryId: 'SQ-1', version: 2 });
      await writer.write([['K1', 'a "quoted" note'], ['K2', null]]);
      await writer.write([['K3', 'naïve café']]);
      const written = await writer.finish();
      const bytes = readFileSync(file);
      expect(written).toEqual({ rowCount: 3, byteCount: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      if (format === 'JSON') {
        expect(JSON.parse(bytes.toString('utf8'))).toEqual({
          savedQueryId: 'SQ-1', version: 2, columns: ['arrest', 'note'], rowCount: 3,
          rows: [{ arrest: 'K1', note: 'a "quoted" note' }, { arrest: 'K2', note: null }, { arrest: 'K3', note: 'naïve café' }],
        });
      } else {
        expect(bytes.toString('utf8')).toBe('"arrest","note"\r\n"K1","a ""quoted"" note"\r\n"K2",""\r\n"K3","naïve café"\r\n');
      }
    }
  });

  it('never overwrites an existing file (an id is written once)', async () => {
    const file = path.join(dir, 'once.csv');
    await new ExportWriter(file, 'CSV', columns, {}).finish();
    const again = new ExportWriter(file, 'CSV', columns, {});
    await expect(again.finish()).rejects.toThrow(/EEXIST/);
  });
});
