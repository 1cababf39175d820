// Embedded mode keeps its vault key in DATA_DIR/vault-keys: made once (owner-only), read after;
// never used on PostgreSQL or when the environment gives the keys; a damaged file is a clear error.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadEmbeddedVaultKey } from '../../src/vault/embedded-key.ts';
import { vaultFromEnv } from '../../src/vault/vault.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-vaultkey-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('creates the key once, owner-only, and every later start uses the same key', async () => {
  const first: NodeJS.ProcessEnv = { DATA_DIR: path.join(dir, 'data') };
  expect(loadEmbeddedVaultKey(first)).toEqual({ path: path.join(dir, 'data', 'vault-keys'), created: true });
  expect((await stat(path.join(dir, 'data', 'vault-keys'))).mode & 0o777).toBe(0o600);
  const sealed = vaultFromEnv(first).seal('a token', 'ctx');

  const second: NodeJS.ProcessEnv = { DATA_DIR: path.join(dir, 'data') };
  expect(loadEmbeddedVaultKey(second)?.created).toBe(false);
  expect(second.PASSERELLE_VAULT_KEYS).toBe(first.PASSERELLE_VAULT_KEYS);
  expect(vaultFromEnv(second).open(sealed, 'ctx')).toBe('a token');
});

it('leaves PostgreSQL deployments and explicit keys alone', async () => {
  const pg: NodeJS.ProcessEnv = { DATA_DIR: dir, DATABASE_URL: 'postgres://db/passerelle' };
  expect(loadEmbeddedVaultKey(pg)).toBeNull();
  expect(pg.PASSERELLE_VAULT_KEYS).toBeUndefined();
  const given: NodeJS.ProcessEnv = { DATA_DIR: dir, PASSERELLE_VAULT_KEYS: 'k9:AAAA' };
  expect(loadEmbeddedVaultKey(given)).toBeNull();
  expect(given.PASSERELLE_VAULT_KEYS).toBe('k9:AAAA');
  await expect(readFile(path.join(dir, 'vault-keys'))).rejects.toThrow(/ENOENT/);
});

it('a damaged key file is refused with a message, not used', async () => {
  await writeFile(path.join(dir, 'vault-keys'), 'not a key\n');
  expect(() => loadEmbeddedVaultKey({ DATA_DIR: dir })).toThrow(/k1:<base64 of 32 bytes>/);
});
