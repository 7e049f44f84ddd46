import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readMigrations } from '../migrate';

describe('readMigrations', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'erms-migrations-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads NNN_name.sql files in version order, ignoring anything else', () => {
    writeFileSync(path.join(folder, '002_second.sql'), 'SELECT 2;');
    writeFileSync(path.join(folder, '001_first.sql'), 'SELECT 1;');
    writeFileSync(path.join(folder, 'README.md'), 'not a migration');
    expect(readMigrations(folder)).toEqual([
      { version: 1, name: 'first', sql: 'SELECT 1;' },
      { version: 2, name: 'second', sql: 'SELECT 2;' },
    ]);
  });

  it('refuses two migrations with one version, naming both', () => {
    writeFileSync(path.join(folder, '010_record_sealing.sql'), 'SELECT 1;');
    writeFileSync(path.join(folder, '010_workspace.sql'), 'SELECT 2;');
    expect(() => readMigrations(folder)).toThrow(/record_sealing and workspace both have version 10/);
  });

  it('keeps every store of the product free of such a clash', () => {
    for (const store of ['governance', 'complaints-arrests', 'calls', 'warrants', 'commercial']) {
      expect(() => readMigrations(path.join(__dirname, '../../../subgraphs', store, 'migrations'))).not.toThrow();
    }
  });
});
