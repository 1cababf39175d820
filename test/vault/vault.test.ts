import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { saveLinkedAccount } from '../../src/accounts/store.ts';
import { createLogger, redactSecrets } from '../../src/vault/redact.ts';
import {
  parseVaultKeys,
  Vault,
  VaultConfigError,
  VaultOpenError,
  vaultFromEnv,
} from '../../src/vault/vault.ts';
import { createUser } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { dumpDatabase } from './dump.ts';

const key = () => randomBytes(32).toString('base64');

describe('token vault', () => {
  it('seals with the current key and opens what any configured key sealed', () => {
    const k1 = key();
    const old = vaultFromEnv({ PASSERELLE_VAULT_KEYS: `k1:${k1}` });
    const sealed = old.seal('my-access-token', 'ctx');
    expect(sealed.startsWith('k1:')).toBe(true);
    expect(sealed).not.toContain('my-access-token');
    const rotated = vaultFromEnv({ PASSERELLE_VAULT_KEYS: `k2:${key()}, k1:${k1}` });
    expect(rotated.open(sealed, 'ctx')).toBe('my-access-token');
    expect(rotated.needsRotation(sealed)).toBe(true);
    const resealed = rotated.seal('my-access-token', 'ctx');
    expect(resealed.startsWith('k2:')).toBe(true);
    expect(rotated.needsRotation(resealed)).toBe(false);
    expect(rotated.seal('x')).not.toBe(rotated.seal('x'));
  });

  it('refuses tampered values, another context, and removed keys', () => {
    const vault = new Vault(parseVaultKeys(`a:${key()}`));
    const sealed = vault.seal('secret', 'linked_accounts:1:bluesky');
    expect(() => vault.open(sealed, 'linked_accounts:2:bluesky')).toThrow(VaultOpenError);
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => vault.open(flipped, 'linked_accounts:1:bluesky')).toThrow(VaultOpenError);
    expect(() => new Vault(parseVaultKeys(`b:${key()}`)).open(sealed)).toThrow(/No vault key "a"/);
  });

  it('explains a missing or malformed key setting', () => {
    expect(() => vaultFromEnv({})).toThrow(/PASSERELLE_VAULT_KEYS is not set/);
    expect(() => vaultFromEnv({ PASSERELLE_VAULT_KEYS: 'nokey' })).toThrow(VaultConfigError);
    expect(() => vaultFromEnv({ PASSERELLE_VAULT_KEYS: `k1:${randomBytes(16).toString('base64')}` })).toThrow(
      /32 bytes/,
    );
    expect(() => vaultFromEnv({ PASSERELLE_VAULT_KEYS: `k1:${key()},k1:${key()}` })).toThrow(/twice/);
  });

  it('keeps tokens out of logs', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const log = createLogger({ level: 'info' }, sink);
    log.info({ credentials: { accessJwt: 'eyJhbGciOi.payload.sig' }, access_token: 'tok-123456' }, 'linked');
    log.info('sent Authorization: Bearer abc.def-ghi and password=hunter2');
    log.error({ err: new Error('refused app password abcd-efgh-ijkl-mnop') }, 'login failed');
    expect(out).not.toMatch(/eyJhbGciOi|tok-123456|abc\.def-ghi|hunter2|abcd-efgh-ijkl-mnop/);
    expect(out).toContain('[redacted]');
    expect(redactSecrets('{"access_token":"zzz","scope":"read"}')).toBe(
      '{"access_token":"[redacted]","scope":"read"}',
    );
  });
});

describeEachDatabase('token vault at rest', (db) => {
  it('stores no credential in clear: a dump of the database does not contain it', async () => {
    const vault = new Vault([['k1', randomBytes(32)]]);
    const userId = await createUser(db());
    await saveLinkedAccount(db(), vault, {
      userId,
      platform: 'bluesky',
      accountId: 'did:plc:abc',
      handle: 'alice.test',
      credentials: { appPassword: 'zzzz-yyyy-xxxx-wwww', accessJwt: 'access-jwt-in-clear' },
    });
    const dump = await dumpDatabase(db());
    expect(dump).toContain('did:plc:abc');
    expect(dump).not.toContain('zzzz-yyyy-xxxx-wwww');
    expect(dump).not.toContain('access-jwt-in-clear');
  });
});
