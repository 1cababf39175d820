// App-password linking: the fallback for self-hosters and the command line. The app password is
// kept (sealed) so a lost session can be re-opened without the user; the session rides along.
import type { Database } from '../../db/index.ts';
import { saveLinkedAccount, type WithLink } from '../../reconnect/accounts.ts';
import type { Vault } from '../../vault/vault.ts';
import { type BlueskyAppPasswordCredentials, loginWithAppPassword } from './adapter.ts';

export class BlueskyLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlueskyLinkError';
  }
}

export function parseServiceUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BlueskyLinkError(
      `--service must be the URL of your PDS, like https://bsky.social (got "${input}").`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BlueskyLinkError(`--service must be an http(s) URL (got ${url.protocol}).`);
  }
  return url.origin;
}

export async function linkBlueskyWithAppPassword(
  database: Database,
  vault: Vault,
  input: { userId: number; service: string; identifier: string; appPassword: string },
  withLink?: WithLink,
): Promise<{ linkedAccountId: number; did: string; handle: string }> {
  const service = parseServiceUrl(input.service);
  const identifier = input.identifier.trim().replace(/^@/, '');
  if (!identifier)
    throw new BlueskyLinkError('--identifier must be your handle (alice.bsky.social) or email.');
  if (!input.appPassword)
    throw new BlueskyLinkError('--app-password is empty; create one in Bluesky settings → App passwords.');
  let login: Awaited<ReturnType<typeof loginWithAppPassword>>;
  try {
    login = await loginWithAppPassword(service, identifier, input.appPassword);
  } catch (err) {
    if (err instanceof Error && err.name === 'ReauthRequiredError') {
      throw new BlueskyLinkError(
        `${service} refused these credentials: check the handle and the app password.`,
      );
    }
    throw err;
  }
  const { session } = login;
  const credentials: BlueskyAppPasswordCredentials = {
    kind: 'app-password',
    service,
    identifier,
    appPassword: input.appPassword,
    session,
  };
  const linkedAccountId = await saveLinkedAccount(
    database,
    vault,
    {
      userId: input.userId,
      platform: 'bluesky',
      accountId: session.did,
      handle: session.handle,
      instance: service,
      credentials,
    },
    withLink,
  );
  return { linkedAccountId, did: session.did, handle: session.handle };
}
