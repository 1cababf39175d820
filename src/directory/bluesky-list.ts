// "Make me a Bluesky list of my matches": a curate list on the user's own Bluesky account with
// every account they are offered there (not dismissed), for people who prefer to browse and
// follow by hand, or to share the list.
import { openCredentials } from '../accounts/credentials.ts';
import type { Database } from '../db/index.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import type { Vault } from '../vault/vault.ts';
import { matchesForUser } from './matching.ts';

export class BlueskyListError extends Error {
  readonly code: 'NOT_LINKED' | 'NO_MATCHES' | 'NOT_SUPPORTED';
  constructor(code: BlueskyListError['code'], message: string) {
    super(message);
    this.name = 'BlueskyListError';
    this.code = code;
  }
}

export interface MatchListOptions {
  name?: string;
  description?: string;
}

export async function createBlueskyMatchList(
  database: Database,
  vault: Vault,
  adapter: PlatformAdapter,
  userId: number,
  options: MatchListOptions = {},
): Promise<{ uri: string; members: number }> {
  const account = await linkedBlueskyAccount(database, userId);
  const members = await listMembers(database, userId);
  if (members.length === 0) {
    throw new BlueskyListError(
      'NO_MATCHES',
      'None of your X contacts is on Bluesky yet: there is nobody to list.',
    );
  }
  const credentials = openCredentials(vault, userId, 'bluesky', account.credentials);
  const session = await adapter.open(
    {
      id: account.id,
      userId,
      platform: 'bluesky',
      accountId: account.account_id,
      handle: account.handle,
      instance: null,
    },
    credentials,
  );
  if (!session.createList) throw new BlueskyListError('NOT_SUPPORTED', 'This network has no lists.');
  return session.createList(
    {
      name: options.name ?? 'From X',
      description: options.description ?? 'People I followed or who followed me on X, found again here.',
    },
    members,
  );
}

async function linkedBlueskyAccount(database: Database, userId: number) {
  const [account] = await database.query<{
    id: number;
    account_id: string;
    handle: string;
    credentials: string | null;
  }>(
    `SELECT id, account_id, handle, credentials FROM linked_accounts
     WHERE user_id = $1 AND platform = 'bluesky' AND status = 'active'`,
    [userId],
  );
  if (!account?.credentials) {
    throw new BlueskyListError('NOT_LINKED', 'Link your Bluesky account first: the list is made on it.');
  }
  return { ...account, id: Number(account.id), credentials: account.credentials };
}

/** Every Bluesky match the user has not dismissed, as DIDs, each once. */
async function listMembers(database: Database, userId: number): Promise<string[]> {
  const matches = await matchesForUser(database, userId, { platform: 'bluesky' });
  const dids = matches
    .filter((m) => m.status !== 'dismissed' && m.target.startsWith('did:'))
    .map((m) => m.target);
  return [...new Set(dids)];
}
