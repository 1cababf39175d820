// Bluesky sign-in through @atproto/oauth-client-node. OAuth state and sessions (with their DPoP
// keys) live in the database, sealed by the token vault; token refresh runs under a lock (an
// advisory lock on PostgreSQL, so several workers never refresh the same session at once).
// Development uses the loopback client; production a confidential client whose metadata and
// JWKS Passerelle serves (client-metadata.json, jwks.json).
import { Agent } from '@atproto/api';
import {
  JoseKey,
  NodeOAuthClient,
  type NodeSavedSession,
  type NodeSavedState,
  type OAuthClientMetadataInput,
  type OAuthSession,
  type RuntimeLock,
  requestLocalLock,
} from '@atproto/oauth-client-node';
import {
  type AcceptPending,
  type PendingLink,
  type PendingSignIn,
  parsePending,
} from '../../accounts/pending.ts';
import { type LinkRow, linkAccount, type WithLink } from '../../accounts/store.ts';
import type { Database } from '../../db/index.ts';
import { DEVELOPMENT_POLICY, type NetPolicy, STRICT_POLICY } from '../../net/policy.ts';
import { safeFetch } from '../../net/safe-fetch.ts';
import type { Vault } from '../../vault/vault.ts';

export const BLUESKY_OAUTH_SCOPE = 'atproto transition:generic';
const STATE_NS = 'bsky-oauth-state';
const SESSION_NS = 'bsky-oauth-session';

/** A vault-sealed key/value store on oauth_store, as the OAuth client wants it. */
function sealedStore<V>(database: Database, vault: Vault, namespace: string, ttlMs?: number) {
  return {
    async get(key: string): Promise<V | undefined> {
      const rows = await database.query<{ value: string; expires_at: string | Date | null }>(
        'SELECT value, expires_at FROM oauth_store WHERE namespace = $1 AND key = $2',
        [namespace, key],
      );
      const row = rows[0];
      if (!row || (row.expires_at && new Date(row.expires_at) < new Date())) return undefined;
      return vault.openJson<V>(row.value, `${namespace}:${key}`);
    },
    async set(key: string, value: V): Promise<void> {
      await database.query(
        `INSERT INTO oauth_store (namespace, key, value, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at, updated_at = now()`,
        [
          namespace,
          key,
          vault.sealJson(value, `${namespace}:${key}`),
          ttlMs ? new Date(Date.now() + ttlMs) : null,
        ],
      );
    },
    async del(key: string): Promise<void> {
      await database.query('DELETE FROM oauth_store WHERE namespace = $1 AND key = $2', [namespace, key]);
    },
  };
}

/**
 * Refresh lock: on PostgreSQL a transaction-scoped advisory lock on its own connection, held
 * while the refresh runs; PGlite serves one process, where an in-process lock is enough.
 */
export function databaseLock(database: Database): RuntimeLock {
  if (database.kind !== 'postgres') return requestLocalLock;
  return (name, fn) =>
    database.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7421))', [name]);
      return fn();
    });
}

export interface BlueskyOAuthOptions {
  clientMetadata: OAuthClientMetadataInput;
  /** Private keys of a confidential client (production); none for the loopback client. */
  keyset?: JoseKey[];
  /** Development and tests: resolve handles through this PDS, PLC directory, allow http. */
  handleResolver?: string;
  plcDirectoryUrl?: string;
  allowHttp?: boolean;
  /** Where the client may connect; development (http, local PDS) when allowHttp, else strict. */
  netPolicy?: NetPolicy;
}

export function createBlueskyOAuthClient(
  database: Database,
  vault: Vault,
  options: BlueskyOAuthOptions,
): NodeOAuthClient {
  return new NodeOAuthClient({
    clientMetadata: options.clientMetadata,
    keyset: options.keyset,
    stateStore: sealedStore<NodeSavedState>(database, vault, STATE_NS, 60 * 60_000),
    sessionStore: sealedStore<NodeSavedSession>(database, vault, SESSION_NS),
    requestLock: databaseLock(database),
    // Every request of the client (handle and DID resolution, metadata, PAR, tokens, the PDS)
    // goes through the safe fetch.
    fetch: safeFetch(options.netPolicy ?? (options.allowHttp ? DEVELOPMENT_POLICY : STRICT_POLICY)),
    ...(options.handleResolver ? { handleResolver: options.handleResolver } : {}),
    ...(options.plcDirectoryUrl ? { plcDirectoryUrl: options.plcDirectoryUrl } : {}),
    ...(options.allowHttp ? { allowHttp: true } : {}),
  } as ConstructorParameters<typeof NodeOAuthClient>[0]);
}

/** Development: the loopback client (client_id http://localhost?…), no keys, no metadata to serve. */
export function loopbackClientMetadata(
  redirectUri: string,
  scope = BLUESKY_OAUTH_SCOPE,
): OAuthClientMetadataInput {
  const clientId = `http://localhost?redirect_uri=${encodeURIComponent(redirectUri)}&scope=${encodeURIComponent(scope)}`;
  return {
    client_id: clientId,
    client_name: 'Passerelle',
    redirect_uris: [redirectUri] as [string],
    scope,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    dpop_bound_access_tokens: true,
  };
}

/** Production: a confidential client identified by its https metadata URL, signing with private_key_jwt. */
export function confidentialClientMetadata(
  publicUrl: string,
  scope = BLUESKY_OAUTH_SCOPE,
): OAuthClientMetadataInput {
  const base = new URL(publicUrl);
  if (base.protocol !== 'https:')
    throw new Error('The public URL of a confidential OAuth client must be https.');
  const origin = base.origin;
  return {
    client_id: `${origin}/client-metadata.json`,
    client_name: 'Passerelle',
    client_uri: origin,
    redirect_uris: [`${origin}/oauth/bluesky/callback`] as [string],
    scope,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    application_type: 'web',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks_uri: `${origin}/jwks.json`,
    dpop_bound_access_tokens: true,
  };
}

/** Keys from PASSERELLE_BLUESKY_OAUTH_KEYS: a JSON array of private JWKs, each with a kid. */
export async function keysetFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<JoseKey[]> {
  const raw = env.PASSERELLE_BLUESKY_OAUTH_KEYS?.trim();
  if (!raw)
    throw new Error(
      'PASSERELLE_BLUESKY_OAUTH_KEYS is not set: the confidential Bluesky OAuth client needs a private key.',
    );
  const jwks = JSON.parse(raw) as Array<Record<string, unknown>>;
  return Promise.all(jwks.map((jwk) => JoseKey.fromImportable(jwk as never, String(jwk.kid ?? 'key'))));
}

/**
 * Starts a sign-in; the pending link (user, session, intent) or sign-in (browser, session)
 * travels in the sealed OAuth state.
 */
export async function startBlueskyOAuth(
  client: NodeOAuthClient,
  input: { handle: string; pending: PendingLink | PendingSignIn },
): Promise<URL> {
  return client.authorize(input.handle, {
    state: JSON.stringify(input.pending),
    scope: BLUESKY_OAUTH_SCOPE,
  });
}

/**
 * The callback: finishes the sign-in and links the account (its session stays in oauth_store),
 * once `accept` agrees that this browser may complete the pending link.
 */
export async function completeBlueskyOAuth(
  database: Database,
  vault: Vault,
  client: NodeOAuthClient,
  params: URLSearchParams,
  accept?: AcceptPending,
  withLink?: WithLink,
): Promise<{
  userId: number;
  did: string;
  handle: string;
  linkedAccountId: number;
  replaced: LinkRow | null;
}> {
  const { session, state } = await client.callback(params);
  const pending = parsePending(JSON.parse(state ?? 'null'));
  if (!pending) throw new Error('The Bluesky sign-in came back without its user: start again.');
  accept?.(pending);
  const account = await accountOf(session);
  const { linkedAccountId, replaced } = await linkAccount(
    database,
    vault,
    {
      userId: pending.userId,
      platform: 'bluesky',
      ...account,
      credentials: { kind: 'oauth' },
      intent: pending.intent,
    },
    withLink,
  );
  return { userId: pending.userId, did: session.did, handle: account.handle, linkedAccountId, replaced };
}

/** The account a network sign-in names. */
export interface NetworkAccount {
  accountId: string;
  handle: string;
  instance: string | null;
}

async function accountOf(session: OAuthSession): Promise<NetworkAccount> {
  const repo = await new Agent(session).com.atproto.repo.describeRepo({ repo: session.did });
  return { accountId: session.did, handle: repo.data.handle, instance: session.serverMetadata.issuer };
}

/**
 * What a callback's pending start is (a link or a sign-in), read from the stored state without
 * completing it; null when the state is unknown or expired.
 */
export async function blueskyPendingOf(
  database: Database,
  vault: Vault,
  params: URLSearchParams,
): Promise<unknown> {
  const key = params.get('state');
  if (!key) return null;
  const saved = await sealedStore<NodeSavedState>(database, vault, STATE_NS).get(key);
  try {
    return JSON.parse(saved?.appState ?? 'null');
  } catch {
    return null;
  }
}

/**
 * The callback of a sign-in with Bluesky: the OAuth session is kept in the client's store (by
 * DID) and the account it names returned with the pending start, for the caller to check.
 */
export async function completeBlueskySignIn(
  client: NodeOAuthClient,
  params: URLSearchParams,
): Promise<{ pending: unknown; account: NetworkAccount }> {
  const { session, state } = await client.callback(params);
  return { pending: JSON.parse(state ?? 'null'), account: await accountOf(session) };
}

/** What Passerelle serves at /client-metadata.json and /jwks.json (public keys only). */
export function oauthPublicDocuments(client: NodeOAuthClient): { clientMetadata: unknown; jwks: unknown } {
  // Through JSON: the key objects carry `d: undefined`, which must not reach a response as a key.
  return JSON.parse(JSON.stringify({ clientMetadata: client.clientMetadata, jwks: client.jwks }));
}
