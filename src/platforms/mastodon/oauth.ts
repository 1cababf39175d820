// Linking a Mastodon account: the app is registered once per instance (kept in the database,
// its secret sealed), then authorization code with PKCE. Granular scopes first; instances that
// reject them get the older, broader sets. The token exchange goes through oauth4webapi with the
// client credentials in the form body (client_secret_post), which every Mastodon-API server
// accepts (GoToSocial refuses them in a Basic header), over the safe fetch.
import * as oauth from 'oauth4webapi';
import type { Logger } from 'pino';
import {
  type AcceptPending,
  type PendingLink,
  type PendingSignIn,
  parsePending,
} from '../../accounts/pending.ts';
import { type LinkRow, linkAccount, type WithLink } from '../../accounts/store.ts';
import type { Database } from '../../db/index.ts';
import { safeFetch } from '../../net/safe-fetch.ts';
import { createLogger } from '../../vault/redact.ts';
import type { Vault } from '../../vault/vault.ts';
import { isMastodonAddress } from './address.ts';
import { appSchema, MastodonClient, MastodonHttpError } from './api.ts';
import { type InstancePolicy, validateInstanceUrl } from './instance.ts';

export const SCOPE_SETS = [
  'read:accounts read:follows write:follows read:search write:blocks write:mutes',
  'read write:follows',
  'read write follow',
];
const STATE_TTL_MS = 10 * 60_000;
const NAMESPACE = 'mastodon-auth';

export interface MastodonOAuthConfig {
  redirectUri: string;
  clientName: string;
  website?: string;
  policy: InstancePolicy;
  /** Where refused token exchanges are logged (a default logger when unset). */
  logger?: Logger;
}

export interface MastodonApp {
  instance: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  redirectUri: string;
}

export class MastodonLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MastodonLinkError';
  }
}

/** The instance's app for this redirect URI, registering it on first use. */
export async function ensureMastodonApp(
  database: Database,
  vault: Vault,
  instance: string,
  config: MastodonOAuthConfig,
): Promise<MastodonApp> {
  const origin = (await validateInstanceUrl(instance, config.policy)).origin;
  const rows = await database.query<{
    client_id: string;
    client_secret: string;
    scopes: string;
    redirect_uri: string;
  }>('SELECT client_id, client_secret, scopes, redirect_uri FROM mastodon_apps WHERE instance = $1', [
    origin,
  ]);
  const row = rows[0];
  // An app registered with an older scope set (before blocks and mutes were asked) is
  // registered again: authorising scopes the app was not registered with is refused.
  if (row && row.redirect_uri === config.redirectUri && SCOPE_SETS.includes(row.scopes)) {
    return {
      instance: origin,
      clientId: row.client_id,
      clientSecret: vault.open(row.client_secret, `mastodon_apps:${origin}`),
      scopes: row.scopes,
      redirectUri: row.redirect_uri,
    };
  }
  const app = await registerApp(origin, config);
  // Two sign-ins racing: the first registration stored wins, the other is dropped.
  await database.query(
    `INSERT INTO mastodon_apps (instance, client_id, client_secret, scopes, redirect_uri) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (instance) DO UPDATE SET client_id = EXCLUDED.client_id, client_secret = EXCLUDED.client_secret,
       scopes = EXCLUDED.scopes, redirect_uri = EXCLUDED.redirect_uri
     WHERE mastodon_apps.redirect_uri <> EXCLUDED.redirect_uri OR mastodon_apps.scopes <> EXCLUDED.scopes`,
    [
      origin,
      app.clientId,
      vault.seal(app.clientSecret, `mastodon_apps:${origin}`),
      app.scopes,
      app.redirectUri,
    ],
  );
  return ensureMastodonApp(database, vault, origin, config);
}

async function registerApp(origin: string, config: MastodonOAuthConfig): Promise<MastodonApp> {
  const client = new MastodonClient({ origin, fetch: safeFetch(config.policy) });
  let lastError = '';
  for (const scopes of SCOPE_SETS) {
    try {
      const app = await client.request('POST', '/api/v1/apps', appSchema, {
        client_name: config.clientName,
        redirect_uris: config.redirectUri,
        scopes,
        website: config.website,
      });
      return {
        instance: origin,
        clientId: app.client_id,
        clientSecret: app.client_secret,
        scopes,
        redirectUri: config.redirectUri,
      };
    } catch (err) {
      // 422/400: the instance rejects these scopes; try the next, broader set.
      if (err instanceof MastodonHttpError && (err.status === 422 || err.status === 400)) {
        lastError = err.body;
        continue;
      }
      throw err;
    }
  }
  throw new MastodonLinkError(
    `${origin} refused to register Passerelle with any scope set (${lastError.slice(0, 200)}).`,
  );
}

function newAuthorizationSecrets(): { state: string; verifier: string } {
  return { state: oauth.generateRandomState(), verifier: oauth.generateRandomCodeVerifier() };
}

/** The instance's authorize page: authorization code with PKCE (S256). */
async function authorizationUrl(app: MastodonApp, state: string, verifier: string): Promise<URL> {
  const url = new URL('/oauth/authorize', app.instance);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    state,
    code_challenge_method: 'S256',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    scope: app.scopes,
  }).toString();
  return url;
}

let defaultLogger: Logger | undefined;
function oauthLogger(config: MastodonOAuthConfig): Logger {
  if (config.logger) return config.logger;
  defaultLogger ??= createLogger({ name: 'mastodon-oauth' });
  return defaultLogger;
}

/** What a refused exchange is called: the server's OAuth error code, or what went wrong here. */
function exchangeFailure(err: unknown): { status?: number; error: string } {
  if (err instanceof oauth.ResponseBodyError) {
    // Only a plain OAuth error code travels on: never free text from the instance.
    return { status: err.status, error: /^[a-z_]{1,64}$/.test(err.error) ? err.error : 'invalid_response' };
  }
  if (err instanceof oauth.WWWAuthenticateChallengeError)
    return { status: err.status, error: 'invalid_client' };
  if (err instanceof oauth.OperationProcessingError) {
    // An answer that is no token response (a redirect, an HTML page) carries its Response.
    const status = err.cause instanceof Response ? err.cause.status : undefined;
    return { status, error: 'invalid_response' };
  }
  const code = (err as { code?: unknown }).code;
  return { error: typeof code === 'string' ? code.toLowerCase() : 'unreachable' };
}

/**
 * Exchanges the code at the instance's token endpoint, client credentials in the form body, over
 * the safe fetch: no redirect is followed (the request carries the client secret and the code).
 * Every refusal is logged with the instance, the status and the OAuth error code, never secrets.
 */
async function exchangeCode(
  app: MastodonApp,
  input: { state: string; code: string },
  verifier: string,
  config: MastodonOAuthConfig,
): Promise<{ accessToken: string; scope: string | undefined }> {
  // Mastodon publishes no authorization server metadata everywhere; its endpoints are fixed.
  const as: oauth.AuthorizationServer = {
    issuer: app.instance,
    token_endpoint: `${app.instance}/oauth/token`,
  };
  const client: oauth.Client = { client_id: app.clientId };
  try {
    const params = oauth.validateAuthResponse(as, client, new URLSearchParams(input), input.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(app.clientSecret),
      params,
      app.redirectUri,
      verifier,
      {
        [oauth.customFetch]: safeFetch(config.policy, { maxRedirects: 0 }),
        [oauth.allowInsecureRequests]: config.policy.allowHttp,
      },
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    return { accessToken: tokens.access_token, scope: tokens.scope };
  } catch (err) {
    const failure = exchangeFailure(err);
    oauthLogger(config).warn({ instance: app.instance, ...failure }, 'Mastodon token exchange failed');
    throw new MastodonLinkError(
      `${app.instance} refused the sign-in (${failure.error}); start linking Mastodon again.`,
    );
  }
}

/** Starts the sign-in: returns the instance's authorize URL; the PKCE verifier waits sealed in the DB. */
export async function startMastodonLink(
  database: Database,
  vault: Vault,
  input: { instance: string; pending: PendingLink | PendingSignIn },
  config: MastodonOAuthConfig,
  now: Date = new Date(),
): Promise<{ url: URL; state: string }> {
  const app = await ensureMastodonApp(database, vault, input.instance, config);
  const { state, verifier } = newAuthorizationSecrets();
  const url = await authorizationUrl(app, state, verifier);
  await database.query(
    'INSERT INTO oauth_store (namespace, key, value, expires_at) VALUES ($1, $2, $3, $4)',
    [
      NAMESPACE,
      state,
      vault.sealJson({ ...input.pending, instance: app.instance, verifier }, `${NAMESPACE}:${state}`),
      new Date(now.getTime() + STATE_TTL_MS),
    ],
  );
  return { url, state };
}

/** The account a Mastodon sign-in names: `<host>:<id>`, `user@host`, the instance. */
export interface MastodonAccount {
  accountId: string;
  handle: string;
  instance: string;
}

interface FinishedSignIn {
  account: MastodonAccount;
  accessToken: string;
  scopes: string;
}

/**
 * The pending start of a callback's state (a link or a sign-in), read without taking it; null
 * when the state is unknown or expired.
 */
export async function mastodonPendingOf(
  database: Database,
  vault: Vault,
  state: string,
  now: Date = new Date(),
): Promise<unknown> {
  const [row] = await database.query<{ value: string; expires_at: string | Date }>(
    'SELECT value, expires_at FROM oauth_store WHERE namespace = $1 AND key = $2',
    [NAMESPACE, state],
  );
  if (!row || new Date(row.expires_at) < now) return null;
  return vault.openJson<unknown>(row.value, `${NAMESPACE}:${state}`);
}

/**
 * A callback's common part: takes the pending start (once), lets `accept` check it before
 * anything is sent to the instance, then exchanges the code and reads the account.
 */
async function finishMastodonOAuth(
  database: Database,
  vault: Vault,
  input: { state: string; code: string },
  config: MastodonOAuthConfig,
  now: Date,
  accept: (stored: unknown) => void,
): Promise<FinishedSignIn> {
  const rows = await database.query<{ value: string; expires_at: string | Date }>(
    'DELETE FROM oauth_store WHERE namespace = $1 AND key = $2 RETURNING value, expires_at',
    [NAMESPACE, input.state],
  );
  const row = rows[0];
  if (!row || new Date(row.expires_at) < now) {
    throw new MastodonLinkError(
      'This sign-in link expired or was already used; start linking Mastodon again.',
    );
  }
  const stored = vault.openJson<{ instance: string; verifier: string }>(
    row.value,
    `${NAMESPACE}:${input.state}`,
  );
  accept(stored);
  const app = await ensureMastodonApp(database, vault, stored.instance, config);
  const { accessToken, scope } = await exchangeCode(app, input, stored.verifier, config);
  const me = await new MastodonClient({
    origin: app.instance,
    accessToken,
    fetch: safeFetch(config.policy),
  }).verifyCredentials();
  const host = new URL(app.instance).host;
  const handle = `${me.username}@${host}`.toLowerCase();
  if (!isMastodonAddress(handle))
    throw new MastodonLinkError(
      `${app.instance} sent an account name Mastodon does not allow; nothing was linked.`,
    );
  return {
    account: { accountId: `${host}:${me.id}`, handle, instance: app.instance },
    accessToken,
    scopes: scope ?? app.scopes,
  };
}

/**
 * The callback: once `accept` agrees that this browser may complete the pending link, exchanges
 * the code (once), reads the account, stores the link with its token sealed.
 */
export async function completeMastodonLink(
  database: Database,
  vault: Vault,
  input: { state: string; code: string; accept?: AcceptPending },
  config: MastodonOAuthConfig,
  now: Date = new Date(),
  withLink?: WithLink,
): Promise<{
  userId: number;
  linkedAccountId: number;
  handle: string;
  accountId: string;
  replaced: LinkRow | null;
}> {
  const taken: { pending?: PendingLink } = {};
  const accept = (stored: unknown) => {
    const pending = parsePending(stored);
    if (!pending)
      throw new MastodonLinkError('This sign-in link was not started here; start linking Mastodon again.');
    input.accept?.(pending);
    taken.pending = pending;
  };
  const { account, accessToken, scopes } = await finishMastodonOAuth(
    database,
    vault,
    input,
    config,
    now,
    accept,
  );
  const { userId, intent } = taken.pending as PendingLink;
  const { linkedAccountId, replaced } = await linkAccount(
    database,
    vault,
    { userId, platform: 'mastodon', ...account, credentials: { accessToken, scopes }, intent },
    withLink,
  );
  return { userId, linkedAccountId, handle: account.handle, accountId: account.accountId, replaced };
}

/**
 * The callback of a sign-in with Mastodon: `accept` checks the pending start before the code is
 * exchanged; the token comes back to the caller, who keeps it on the account's link or revokes it.
 */
export async function completeMastodonSignIn(
  database: Database,
  vault: Vault,
  input: { state: string; code: string; accept: (stored: unknown) => void },
  config: MastodonOAuthConfig,
  now: Date = new Date(),
): Promise<FinishedSignIn> {
  return finishMastodonOAuth(database, vault, input, config, now, input.accept);
}
