// Sign in with X: OAuth 2.0 authorization code with PKCE (arctic's generic client), then
// GET /2/users/me to read the account id. Endpoints are configurable so tests and staging run
// against a local server. The access token is used once and never stored.
import {
  ArcticFetchError,
  CodeChallengeMethod,
  generateCodeVerifier,
  generateState,
  OAuth2Client,
  OAuth2RequestError,
} from 'arctic';
import { z } from 'zod';
import { CONFIGURED_SERVICE_POLICY } from '../net/policy.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import type { XIdentity } from './proof.ts';

export interface XOAuthConfig {
  clientId: string;
  /** Confidential clients authenticate to the token endpoint with HTTP Basic; public ones send none. */
  clientSecret: string | null;
  redirectUri: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Base of the X API: `${apiBase}/2/users/me`. */
  apiBase: string;
  scopes: string[];
}

export const X_DEFAULTS = {
  authorizationEndpoint: 'https://x.com/i/oauth2/authorize',
  tokenEndpoint: 'https://api.x.com/2/oauth2/token',
  apiBase: 'https://api.x.com',
  // users.read alone is refused by /2/users/me: X wants tweet.read with it.
  scopes: ['users.read', 'tweet.read'],
};

/** From X_CLIENT_ID, X_CLIENT_SECRET, X_REDIRECT_URI and optional X_AUTHORIZE_URL, X_TOKEN_URL, X_API_BASE. */
export function xOAuthConfigFromEnv(env: NodeJS.ProcessEnv = process.env): XOAuthConfig | null {
  const clientId = env.X_CLIENT_ID?.trim();
  const redirectUri = env.X_REDIRECT_URI?.trim();
  if (!clientId || !redirectUri) return null;
  return {
    clientId,
    clientSecret: env.X_CLIENT_SECRET?.trim() || null,
    redirectUri,
    authorizationEndpoint: env.X_AUTHORIZE_URL?.trim() || X_DEFAULTS.authorizationEndpoint,
    tokenEndpoint: env.X_TOKEN_URL?.trim() || X_DEFAULTS.tokenEndpoint,
    apiBase: env.X_API_BASE?.trim() || X_DEFAULTS.apiBase,
    scopes: X_DEFAULTS.scopes,
  };
}

export class XSignInError extends Error {
  readonly code = 'X_SIGN_IN';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XSignInError';
  }
}

/** What the web layer keeps (in the session, never in a URL) between the redirect and the callback. */
export interface PendingXSignIn {
  url: URL;
  state: string;
  codeVerifier: string;
}

function client(config: XOAuthConfig): OAuth2Client {
  return new OAuth2Client(config.clientId, config.clientSecret, config.redirectUri);
}

export function beginXSignIn(config: XOAuthConfig): PendingXSignIn {
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const url = client(config).createAuthorizationURLWithPKCE(
    config.authorizationEndpoint,
    state,
    CodeChallengeMethod.S256,
    codeVerifier,
    config.scopes,
  );
  return { url, state, codeVerifier };
}

const usersMe = z.object({
  data: z.object({ id: z.string().regex(/^[0-9]{1,20}$/), username: z.string(), name: z.string() }),
});

/**
 * Handles the callback: checks state, exchanges the code (sending the PKCE verifier), and reads
 * who signed in. Throws XSignInError with a message fit for the person signing in.
 */
export async function completeXSignIn(
  config: XOAuthConfig,
  callback: URLSearchParams,
  pending: { state: string; codeVerifier: string },
): Promise<XIdentity> {
  if (callback.get('state') !== pending.state) {
    throw new XSignInError(
      'This sign-in link has expired or was not started here. Start signing in with X again.',
    );
  }
  const error = callback.get('error');
  if (error) {
    throw new XSignInError(
      error === 'access_denied'
        ? 'You declined to let Passerelle read your X account id, so it cannot be proven. Sign in again and authorise to prove it.'
        : `X refused the sign-in (${error}). Try again in a moment.`,
    );
  }
  const code = callback.get('code');
  if (!code) throw new XSignInError('X sent no authorisation code back. Start signing in with X again.');
  const accessToken = await exchangeCode(config, code, pending.codeVerifier);
  return fetchUsersMe(config, accessToken);
}

async function exchangeCode(config: XOAuthConfig, code: string, codeVerifier: string): Promise<string> {
  try {
    const tokens = await client(config).validateAuthorizationCode(config.tokenEndpoint, code, codeVerifier);
    return tokens.accessToken();
  } catch (err) {
    if (err instanceof OAuth2RequestError) {
      throw new XSignInError(
        `X did not accept the sign-in (${err.code}${err.description ? `: ${err.description}` : ''}). Start signing in with X again.`,
        { cause: err },
      );
    }
    if (err instanceof ArcticFetchError)
      throw new XSignInError('X could not be reached. Try again in a moment.', { cause: err });
    throw new XSignInError('X answered the sign-in unexpectedly. Try again in a moment.', { cause: err });
  }
}

async function fetchUsersMe(config: XOAuthConfig, accessToken: string): Promise<XIdentity> {
  const url = `${config.apiBase.replace(/\/+$/, '')}/2/users/me`;
  let response: Response;
  try {
    // X's API base is configuration (a local server in tests): trusted address, same limits.
    response = await safeFetch(CONFIGURED_SERVICE_POLICY, { timeoutMs: 15_000 })(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
  } catch (err) {
    throw new XSignInError('X could not be reached. Try again in a moment.', { cause: err });
  }
  if (!response.ok)
    throw new XSignInError(`X did not tell who signed in (HTTP ${response.status}). Try again.`);
  const parsed = usersMe.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new XSignInError('X answered with an account this version does not understand.');
  // Text parsing keeps the id a string: X sends it as a JSON string, beyond 2^53.
  return parsed.data.data;
}
