// The embedded database (PGlite in DATA_DIR) is for a community or a trial started with one
// command: there, without PASSERELLE_VAULT_KEYS, Passerelle keeps its own vault key in
// DATA_DIR/vault-keys (owner-only), created on first start, so linking works out of the box.
// Tokens stay sealed in the database; the key file must be kept and backed up with the folder.
// On PostgreSQL (DATABASE_URL) the keys always come from the environment.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseVaultKeys } from './vault.ts';

export interface EmbeddedKey {
  path: string;
  created: boolean;
}

/** Sets env.PASSERELLE_VAULT_KEYS from DATA_DIR/vault-keys (made if missing) in embedded mode. */
export function loadEmbeddedVaultKey(env: NodeJS.ProcessEnv = process.env): EmbeddedKey | null {
  if (env.PASSERELLE_VAULT_KEYS?.trim() || env.DATABASE_URL?.trim()) return null;
  const dir = path.resolve(env.DATA_DIR?.trim() || 'data');
  const file = path.join(dir, 'vault-keys');
  let created = false;
  let spec: string;
  try {
    spec = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dir, { recursive: true });
    spec = `k1:${randomBytes(32).toString('base64')}`;
    try {
      // 'wx': two processes starting at once never overwrite each other's key.
      writeFileSync(file, `${spec}\n`, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      spec = readFileSync(file, 'utf8').trim();
    }
  }
  chmodSync(file, 0o600);
  parseVaultKeys(spec); // a damaged file is a clear error now, not a failed unseal later
  env.PASSERELLE_VAULT_KEYS = spec;
  return { path: file, created };
}
