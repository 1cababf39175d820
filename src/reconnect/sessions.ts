// The engine's sessions on the networks, one per linked account, kept while the account's sealed
// credentials stay the same. Credentials a network refreshed are sealed and stored again.
import { openCredentials, sealCredentials } from '../accounts/credentials.ts';
import { storeCredentials } from '../accounts/store.ts';
import type { Database } from '../db/index.ts';
import { type PlatformAdapter, type PlatformSession, ReauthRequiredError } from '../platforms/types.ts';
import type { Vault } from '../vault/vault.ts';
import type { ClaimedAccount } from './store.ts';

export class SessionCache {
  readonly #database: Database;
  readonly #vault: Vault;
  readonly #now: () => Date;
  readonly #sessions = new Map<number, { sealed: string; session: PlatformSession }>();

  constructor(database: Database, vault: Vault, now: () => Date) {
    this.#database = database;
    this.#vault = vault;
    this.#now = now;
  }

  /** The account's session: the cached one, else opened (`untilStopped` ends the wait on stop). */
  async open(
    account: ClaimedAccount,
    adapter: PlatformAdapter,
    untilStopped: <T>(call: Promise<T>) => Promise<T>,
  ): Promise<PlatformSession> {
    const sealed = account.credentials;
    if (!sealed) throw new ReauthRequiredError('No credentials stored for this account');
    const cached = this.#sessions.get(account.linkedAccountId);
    if (cached && cached.sealed === sealed) return cached.session;
    const credentials = openCredentials(this.#vault, account.userId, account.platform, sealed);
    const session = await untilStopped(
      adapter.open(
        {
          id: account.linkedAccountId,
          userId: account.userId,
          platform: account.platform,
          accountId: account.accountId,
          handle: account.handle,
          instance: account.instance,
        },
        credentials,
      ),
    );
    this.#sessions.set(account.linkedAccountId, { sealed, session });
    await this.saveCredentials(account, session);
    return session;
  }

  /** Stores the credentials the session refreshed, if it did. */
  async saveCredentials(account: ClaimedAccount, session: PlatformSession): Promise<void> {
    const updated = session.takeUpdatedCredentials();
    if (updated === undefined) return;
    const sealed = sealCredentials(this.#vault, account.userId, account.platform, updated);
    await storeCredentials(this.#database, account.linkedAccountId, sealed, this.#now());
    this.#sessions.set(account.linkedAccountId, { sealed, session });
  }

  /** Drops the account's session: the next batch opens a new one. */
  forget(account: ClaimedAccount): void {
    this.#sessions.delete(account.linkedAccountId);
  }
}
