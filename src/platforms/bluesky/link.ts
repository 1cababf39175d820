// App-password linking: the fallback for self-hosters and the command line. The app password is
// kept (sealed) so a lost session can be re-opened without the user; the session rides along.
// The main account password is refused: the PDS marks an app password's session with its own
// token scope.
import { type LinkResult, linkAccount, type WithLink } from '../../accounts/store.ts';
import type { Database } from '../../db/index.ts';
import type { NetPolicy } from '../../net/policy.ts';
import type { Vault } from '../../vault/vault.ts';
import { type BlueskyAppPasswordCredentials, loginWithAppPassword } from './adapter.ts';
import { PdsRefusedError } from './errors.ts';

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

/** The scope of an app password's session; the main password's is com.atproto.access. */
const APP_PASSWORD_SCOPES = new Set(['com.atproto.appPass', 'com.atproto.appPassPrivileged']);

/** The `scope` claim of the PDS's access token (read, not verified: the PDS just issued it to us). */
export function accessTokenScope(accessJwt: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(accessJwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload?.scope === 'string' ? payload.scope : null;
  } catch {
    return null;
  }
}

export async function linkBlueskyWithAppPassword(
  database: Database,
  vault: Vault,
  input: {
    userId: number;
    service: string;
    identifier: string;
    appPassword: string;
    replace?: boolean;
    /** Where the PDS may be: strict (public https) unless the development policy is given. */
    policy?: NetPolicy;
  },
  withLink?: WithLink,
): Promise<LinkResult & { did: string; handle: string }> {
  const service = parseServiceUrl(input.service);
  const identifier = input.identifier.trim().replace(/^@/, '');
  if (!identifier)
    throw new BlueskyLinkError('--identifier must be your handle (alice.bsky.social) or email.');
  if (!input.appPassword)
    throw new BlueskyLinkError('--app-password is empty; create one in Bluesky settings → App passwords.');
  let login: Awaited<ReturnType<typeof loginWithAppPassword>>;
  try {
    login = await loginWithAppPassword(service, identifier, input.appPassword, { policy: input.policy });
  } catch (err) {
    if (err instanceof PdsRefusedError) {
      throw new BlueskyLinkError(
        `${service} cannot be reached from Passerelle (${err.message}); give the address of a public PDS over https.`,
      );
    }
    if (err instanceof Error && err.name === 'ReauthRequiredError') {
      throw new BlueskyLinkError(
        `${service} refused these credentials: check the handle and the app password.`,
      );
    }
    throw err;
  }
  const { session } = login;
  if (!APP_PASSWORD_SCOPES.has(accessTokenScope(session.accessJwt) ?? '')) {
    // End the session the main password just opened: nothing of it is kept.
    await login.agent.logout().catch(() => {});
    throw new BlueskyLinkError(
      'This is your main Bluesky password, not an app password: Passerelle never keeps it. ' +
        'Create an app password in Bluesky: Settings → Privacy and security → App passwords ' +
        '(https://bsky.app/settings/app-passwords), then use it with --app-password.',
    );
  }
  const credentials: BlueskyAppPasswordCredentials = {
    kind: 'app-password',
    service,
    identifier,
    appPassword: input.appPassword,
    session,
  };
  const linked = await linkAccount(
    database,
    vault,
    {
      userId: input.userId,
      platform: 'bluesky',
      accountId: session.did,
      handle: session.handle,
      instance: service,
      credentials,
      intent: input.replace ? 'replace' : 'link',
    },
    withLink,
  );
  return { ...linked, did: session.did, handle: session.handle };
}
