// The token vault: every token, password and OAuth session is sealed with AES-256-GCM before it
// reaches the database. Keys come from PASSERELLE_VAULT_KEYS ("k1:<base64 32 bytes>,k2:…"); the
// first is current, the others still open older values, so keys rotate without a migration.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class VaultConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultConfigError';
  }
}

export class VaultOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultOpenError';
  }
}

export class Vault {
  readonly currentKeyId: string;
  readonly #keys: Map<string, Buffer>;

  constructor(keys: ReadonlyArray<readonly [string, Buffer]>) {
    const first = keys[0];
    if (!first) throw new VaultConfigError('The token vault needs at least one key.');
    for (const [id, key] of keys) {
      if (!KEY_ID.test(id))
        throw new VaultConfigError(`Vault key id "${id}" must be 1-32 letters, digits, _ or -.`);
      if (key.length !== 32)
        throw new VaultConfigError(`Vault key "${id}" must be 32 bytes (got ${key.length}).`);
    }
    this.currentKeyId = first[0];
    this.#keys = new Map(keys);
  }

  /** Seals a secret; `context` (e.g. "linked_accounts:12") is bound as associated data. */
  seal(plain: string, context = ''): string {
    const key = this.#keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const packed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return `${this.currentKeyId}:${packed}`;
  }

  open(sealed: string, context = ''): string {
    const sep = sealed.indexOf(':');
    const keyId = sep > 0 ? sealed.slice(0, sep) : '';
    const key = this.#keys.get(keyId);
    if (!key) throw new VaultOpenError(`No vault key "${keyId}" to open this value: was the key removed?`);
    const raw = Buffer.from(sealed.slice(sep + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new VaultOpenError('Sealed value is truncated.');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new VaultOpenError('Sealed value does not authenticate (wrong key, context or tampered data).');
    }
  }

  sealJson(value: unknown, context = ''): string {
    return this.seal(JSON.stringify(value), context);
  }

  openJson<T>(sealed: string, context = ''): T {
    return JSON.parse(this.open(sealed, context)) as T;
  }

  /** True when the value was sealed with an older key and should be sealed again. */
  needsRotation(sealed: string): boolean {
    return !sealed.startsWith(`${this.currentKeyId}:`);
  }
}

/** Parses "k1:<base64>,k2:<base64>"; the first key seals, all of them open. */
export function parseVaultKeys(spec: string): Array<[string, Buffer]> {
  const keys: Array<[string, Buffer]> = [];
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const sep = part.indexOf(':');
    if (sep <= 0)
      throw new VaultConfigError('PASSERELLE_VAULT_KEYS entries look like "k1:<base64 of 32 bytes>".');
    const id = part.slice(0, sep);
    if (keys.some(([k]) => k === id)) throw new VaultConfigError(`Vault key id "${id}" appears twice.`);
    keys.push([id, Buffer.from(part.slice(sep + 1), 'base64')]);
  }
  return keys;
}

export function vaultFromEnv(env: NodeJS.ProcessEnv = process.env): Vault {
  const spec = env.PASSERELLE_VAULT_KEYS?.trim();
  if (!spec) {
    throw new VaultConfigError(
      'PASSERELLE_VAULT_KEYS is not set. Generate a key with ' +
        "`node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"` and set it.",
    );
  }
  return new Vault(parseVaultKeys(spec));
}

/** A vault with a fresh random key, for tests and benchmarks. */
export function ephemeralVault(): Vault {
  return new Vault([['test', randomBytes(32)]]);
}
