// App registration and the OAuth authorization-code flow, as each flavour's server answers them.
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Flavour } from './flavours.ts';

export interface OAuthState {
  flavour: Flavour;
  supportedScopes: string[];
  apps: Map<string, { secret: string; redirectUris: string[]; scopes: string[] }>;
  codes: Map<
    string,
    { clientId: string; redirectUri: string; scopes: string[]; challenge: string; accountId: string }
  >;
  signedInAccountId: string | undefined;
  issueToken(accountId: string, scopes: string[]): string;
  now(): number;
}

type Answer = { status: number; body?: unknown; location?: string };

/** POST /api/v1/apps (docs.joinmastodon.org/methods/apps/#create): unknown scopes are a 422. */
export function createApp(s: OAuthState, body: Record<string, string>): Answer {
  const scopes = String(body.scopes ?? 'read')
    .split(/\s+/)
    .filter(Boolean);
  if (!body.client_name || !body.redirect_uris) {
    return { status: 422, body: { error: "Validation failed: Application name can't be blank" } };
  }
  if (scopes.some((x) => !s.supportedScopes.includes(x))) {
    return { status: 422, body: { error: 'Validation failed: Scopes are invalid' } };
  }
  const clientId = randomBytes(16).toString('base64url');
  const secret = randomBytes(24).toString('base64url');
  const redirectUris = String(body.redirect_uris).split(/\s+/);
  s.apps.set(clientId, { secret, redirectUris, scopes });
  return {
    status: 200,
    body: {
      id: String(s.apps.size),
      name: body.client_name,
      website: body.website ?? null,
      scopes,
      redirect_uri: redirectUris.join('\n'),
      redirect_uris: redirectUris,
      client_id: clientId,
      client_secret: secret,
      client_secret_expires_at: 0,
    },
  };
}

/**
 * GET /oauth/authorize: approves as the double's signed-in account (a real server shows a
 * consent page first) and redirects with `code` and `state` (docs.joinmastodon.org/methods/oauth/).
 */
export function authorize(s: OAuthState, url: URL): Answer {
  const q = url.searchParams;
  const app = s.apps.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  const scopes = (q.get('scope') ?? 'read').split(/[\s+]+/).filter(Boolean);
  if (!app?.redirectUris.includes(redirectUri) || q.get('response_type') !== 'code') {
    return { status: 400, body: { error: 'invalid_request' } };
  }
  if (scopes.some((x) => !app.scopes.includes(x))) return { status: 400, body: { error: 'invalid_scope' } };
  if (!s.signedInAccountId) return { status: 401, body: { error: 'no signed-in account in the double' } };
  const challenge = q.get('code_challenge') ?? '';
  if (challenge && q.get('code_challenge_method') !== 'S256')
    return { status: 400, body: { error: 'invalid_request' } };
  const code = randomBytes(16).toString('base64url');
  s.codes.set(code, {
    clientId: q.get('client_id') ?? '',
    redirectUri,
    scopes,
    challenge,
    accountId: s.signedInAccountId,
  });
  const back = new URL(redirectUri);
  back.searchParams.set('code', code);
  if (q.get('state')) back.searchParams.set('state', q.get('state') ?? '');
  return { status: 302, location: back.toString() };
}

/** The client's credentials, where the flavour accepts them. */
function clientCredentials(
  flavour: Flavour,
  req: http.IncomingMessage,
  body: Record<string, string>,
): { id?: string; secret?: string } | { error: string } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (flavour.clientAuth === 'body_only' && (!body.client_id || !body.client_secret)) {
    return {
      error:
        'invalid_request: client_id was not set in the token request form: client_secret was not set in the token request form',
    };
  }
  if (basic && !body.client_id) {
    const [id, secret] = Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent);
    return { id, secret };
  }
  return { id: body.client_id, secret: body.client_secret };
}

/** POST /oauth/token, authorization code grant; a code is burnt by its first use, good or bad. */
export function token(s: OAuthState, req: http.IncomingMessage, body: Record<string, string>): Answer {
  const creds = clientCredentials(s.flavour, req, body);
  if ('error' in creds)
    return { status: 400, body: { error: 'invalid_request', error_description: creds.error } };
  const app = creds.id ? s.apps.get(creds.id) : undefined;
  if (!app || app.secret !== creds.secret) return { status: 401, body: { error: 'invalid_client' } };
  if (body.grant_type !== 'authorization_code')
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  const grant = s.codes.get(body.code ?? '');
  s.codes.delete(body.code ?? '');
  if (!grant || grant.clientId !== creds.id || grant.redirectUri !== body.redirect_uri) {
    return { status: 400, body: { error: 'invalid_grant' } };
  }
  if (grant.challenge && s.flavour.checksPkce) {
    const computed = createHash('sha256')
      .update(body.code_verifier ?? '')
      .digest('base64url');
    if (computed !== grant.challenge) return { status: 400, body: { error: 'invalid_grant' } };
  }
  return {
    status: 200,
    body: {
      access_token: s.issueToken(grant.accountId, grant.scopes),
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      created_at: Math.floor(s.now() / 1000),
    },
  };
}
