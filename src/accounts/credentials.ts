// Sealing and opening a linked account's credentials: the vault binds each sealed value to its
// row (user and platform), so a value copied to another row does not open.
import type { Vault } from '../vault/vault.ts';

/** Associated data binding sealed credentials to their row: a value copied elsewhere won't open. */
export function credentialsContext(userId: number, platform: string): string {
  return `linked_accounts:${userId}:${platform}`;
}

export function sealCredentials(
  vault: Vault,
  userId: number,
  platform: string,
  credentials: unknown,
): string {
  return vault.sealJson(credentials, credentialsContext(userId, platform));
}

export function openCredentials<T>(vault: Vault, userId: number, platform: string, sealed: string): T {
  return vault.openJson<T>(sealed, credentialsContext(userId, platform));
}
