import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A random secret kept under `DATA_DIR/keys/<name>.key` (embedded default only; production
 * reads its keys from configuration): the commercial cache's AES key [P10]. Created on first
 * use, readable by this user only; several processes starting at once agree on one.
 */
export function loadOrCreateSecret(dataDir: string, name: string, bytes: number): Buffer {
  const folder = path.join(dataDir, 'keys');
  const file = path.join(folder, `${name}.key`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const existing = readSecret(file, bytes);
  if (existing) return existing;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, randomBytes(bytes).toString('base64'), { mode: 0o600 });
  try {
    linkSync(temporary, file); // atomic, and fails if another process created it first
  } catch {
    // theirs wins: read it below
  } finally {
    unlinkSync(temporary);
  }
  const created = readSecret(file, bytes);
  if (!created) throw new Error(`cannot read or create the secret ${file}`);
  return created;
}

function readSecret(file: string, bytes: number): Buffer | null {
  try {
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    return secret.length === bytes ? secret : null;
  } catch {
    return null;
  }
}
