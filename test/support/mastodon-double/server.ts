// Mastodon API test double (see README.md here): small, in-process, following Mastodon's
// documented behaviour for the endpoints Passerelle calls. Not a Mastodon server.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleAccount {
  id: string;
  username: string;
  /** null for local accounts. */
  domain: string | null;
  locked: boolean;
  suspended?: boolean;
  movedToId?: string;
  /** Remote accounts the instance has not fetched yet: invisible to lookup until a resolving search. */
  known: boolean;
}

export type Fault = { path: RegExp; kind: '500' | 'reset' | 'slow'; delayMs?: number; times?: number };

export interface DoubleOptions {
  host?: string;
  supportedScopes?: string[];
  requestsPer5Min?: number;
  followsPerDay?: number;
  followCap?: number;
}

const MODERN_SCOPES = [
  'read',
  'write',
  'follow',
  'push',
  'read:accounts',
  'read:follows',
  'read:search',
  'write:follows',
];
export const LEGACY_SCOPES = ['read', 'write', 'follow', 'push'];

interface Token {
  accountId: string;
  scopes: string[];
  revoked: boolean;
}
interface Window {
  used: number;
  resetAt: number;
}

export class MastodonTestDouble {
  readonly host: string;
  readonly options: Required<Omit<DoubleOptions, 'host'>>;
  readonly accounts = new Map<string, DoubleAccount>();
  readonly follows = new Map<string, Set<string>>();
  readonly requests = new Map<string, Set<string>>();
  readonly apps = new Map<string, { secret: string; redirectUris: string[]; scopes: string[] }>();
  readonly codes = new Map<
    string,
    { clientId: string; redirectUri: string; scopes: string[]; challenge: string; accountId: string }
  >();
  readonly tokens = new Map<string, Token>();
  readonly faults: Fault[] = [];
  /** The account that approves /oauth/authorize (a signed-in browser session, in Mastodon). */
  signedInAccountId: string | undefined;
  /** Clock for rate-limit windows (tests may move it). */
  now: () => number = Date.now;
  followCalls = 0;
  /** How many 429s were answered. */
  tooManyRequests = 0;
  #requestWindows = new Map<string, Window>();
  #followWindows = new Map<string, Window>();
  #server: http.Server | undefined;
  #nextId = 100_000;
  url = '';

  constructor(options: DoubleOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.options = {
      supportedScopes: options.supportedScopes ?? MODERN_SCOPES,
      requestsPer5Min: options.requestsPer5Min ?? 300,
      followsPerDay: options.followsPerDay ?? 400,
      followCap: options.followCap ?? 7_500,
    };
  }

  async start(): Promise<string> {
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch((err) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(err) }));
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, this.host, resolve));
    this.url = `http://${this.host}:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<undefined> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  addAccount(username: string, options: Partial<Omit<DoubleAccount, 'id' | 'username'>> = {}): DoubleAccount {
    const account: DoubleAccount = {
      id: String(this.#nextId++),
      username,
      domain: options.domain ?? null,
      locked: options.locked ?? false,
      suspended: options.suspended,
      movedToId: options.movedToId,
      known: options.known ?? options.domain == null,
    };
    this.accounts.set(account.id, account);
    return account;
  }

  acct(a: DoubleAccount): string {
    return a.domain ? `${a.username}@${a.domain}` : a.username;
  }

  issueToken(accountId: string, scopes = ['read', 'write']): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { accountId, scopes, revoked: false });
    return token;
  }

  followingOf(accountId: string): Set<string> {
    const s = this.follows.get(accountId) ?? new Set<string>();
    this.follows.set(accountId, s);
    return s;
  }

  #entity(a: DoubleAccount): Record<string, unknown> {
    const moved = a.movedToId ? this.accounts.get(a.movedToId) : undefined;
    return {
      id: a.id,
      username: a.username,
      acct: this.acct(a),
      display_name: a.username,
      locked: a.locked,
      bot: false,
      url: `https://${a.domain ?? 'local.example'}/@${a.username}`,
      following_count: this.follows.get(a.id)?.size ?? 0,
      followers_count: 0,
      ...(a.suspended ? { suspended: true } : {}),
      moved: moved ? this.#entity(moved) : null,
    };
  }

  #relationship(me: string, target: string): Record<string, unknown> {
    return {
      id: target,
      following: this.follows.get(me)?.has(target) ?? false,
      requested: this.requests.get(me)?.has(target) ?? false,
      followed_by: this.follows.get(target)?.has(me) ?? false,
      showing_reblogs: true,
      notifying: false,
      blocking: false,
      muting: false,
    };
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<undefined> {
    const url = new URL(req.url ?? '/', this.url);
    const fault = this.faults.find((f) => f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.kind === 'reset') return void req.socket.destroy();
      if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
      if (fault.kind === '500')
        return this.#json(res, 500, { error: 'We are sorry, but something went wrong on our end.' });
    }
    const body = await readBody(req);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /api/v1/apps') return this.#createApp(res, body);
    if (route === 'GET /oauth/authorize') return this.#authorize(res, url);
    if (route === 'POST /oauth/token') return this.#token(req, res, body);
    if (route === 'POST /oauth/revoke') {
      const t = this.tokens.get(String(body.token ?? ''));
      if (t) t.revoked = true;
      return this.#json(res, 200, {});
    }
    // Everything else needs a valid token.
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const auth = token ? this.tokens.get(token) : undefined;
    if (!auth || auth.revoked) return this.#json(res, 401, { error: 'The access token is invalid' });
    if (!this.#spend(this.#requestWindows, auth.accountId, this.options.requestsPer5Min, 300_000, res))
      return;
    const me = auth.accountId;
    if (route === 'GET /api/v1/accounts/verify_credentials')
      return this.#json(res, 200, this.#entity(this.#get(me)));
    if (route === 'GET /api/v1/accounts/lookup') {
      const found = this.#byAcct(url.searchParams.get('acct') ?? '');
      return found?.known
        ? this.#json(res, 200, this.#entity(found))
        : this.#json(res, 404, { error: 'Record not found' });
    }
    if (route === 'GET /api/v2/search') {
      const q = url.searchParams.get('q') ?? '';
      const found = this.#byAcct(q);
      if (found && !found.known && url.searchParams.get('resolve') === 'true') {
        // Fetching a moved account fetches the account it moved to as well.
        found.known = true;
        const movedTo = found.movedToId ? this.accounts.get(found.movedToId) : undefined;
        if (movedTo) movedTo.known = true;
      }
      const accounts =
        found?.known && url.searchParams.get('type') !== 'statuses' ? [this.#entity(found)] : [];
      return this.#json(res, 200, { accounts, statuses: [], hashtags: [] });
    }
    if (route === 'GET /api/v1/accounts/relationships') {
      const ids = url.searchParams.getAll('id[]');
      return this.#json(
        res,
        200,
        ids.filter((id) => this.accounts.has(id)).map((id) => this.#relationship(me, id)),
      );
    }
    const follow = /^POST \/api\/v1\/accounts\/([^/]+)\/follow$/.exec(route);
    if (follow?.[1]) return this.#follow(res, me, follow[1]);
    const following = /^GET \/api\/v1\/accounts\/([^/]+)\/following$/.exec(route);
    if (following?.[1]) return this.#following(res, following[1], url);
    return this.#json(res, 404, { error: 'Record not found' });
  }

  #get(id: string): DoubleAccount {
    const a = this.accounts.get(id);
    if (!a) throw new Error(`no account ${id}`);
    return a;
  }

  #byAcct(acct: string): DoubleAccount | undefined {
    const wanted = acct.replace(/^@/, '').toLowerCase();
    const local = `@${new URL(this.url).host}`;
    for (const a of this.accounts.values()) {
      const full = this.acct(a).toLowerCase();
      if (full === wanted || (!a.domain && `${full}${local}` === wanted)) return a;
    }
    return undefined;
  }

  /** Mastodon's per-account throttle: headers on every authenticated answer, 429 beyond the limit. */
  #spend(
    windows: Map<string, Window>,
    key: string,
    limit: number,
    periodMs: number,
    res: http.ServerResponse,
  ): boolean {
    const now = this.now();
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { used: 0, resetAt: now + periodMs };
      windows.set(key, w);
    }
    w.used += 1;
    res.setHeader('X-RateLimit-Limit', String(limit));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - w.used)));
    res.setHeader('X-RateLimit-Reset', new Date(w.resetAt).toISOString());
    if (w.used <= limit) return true;
    this.tooManyRequests += 1;
    this.#json(res, 429, { error: 'Too many requests' });
    return false;
  }

  #follow(res: http.ServerResponse, me: string, targetId: string): undefined {
    if (!this.#spend(this.#followWindows, me, this.options.followsPerDay, 86_400_000, res)) return;
    this.followCalls += 1;
    const target = this.accounts.get(targetId);
    if (!target?.known) return this.#json(res, 404, { error: 'Record not found' });
    const mine = this.followingOf(me);
    const pending = this.requests.get(me) ?? new Set<string>();
    this.requests.set(me, pending);
    // Following again is idempotent: the relationship is returned unchanged.
    if (!mine.has(targetId) && !pending.has(targetId)) {
      if (mine.size >= this.options.followCap) {
        return this.#json(res, 422, {
          error: `Validation failed: You cannot follow more than ${this.options.followCap.toLocaleString('en')} people`,
        });
      }
      if (target.locked) pending.add(targetId);
      else mine.add(targetId);
    }
    this.#json(res, 200, this.#relationship(me, targetId));
  }

  #following(res: http.ServerResponse, id: string, url: URL): undefined {
    const ids = [...(this.follows.get(id) ?? [])].sort((a, b) => Number(b) - Number(a));
    const limit = Math.min(80, Number(url.searchParams.get('limit') ?? 40));
    const maxId = url.searchParams.get('max_id');
    const from = maxId ? ids.findIndex((x) => Number(x) < Number(maxId)) : 0;
    const page = from < 0 ? [] : ids.slice(from, from + limit);
    const last = page[page.length - 1];
    if (last && from + limit < ids.length) {
      res.setHeader(
        'Link',
        `<${this.url}/api/v1/accounts/${id}/following?limit=${limit}&max_id=${last}>; rel="next"`,
      );
    }
    this.#json(
      res,
      200,
      page.map((x) => this.#entity(this.#get(x))),
    );
  }

  #createApp(res: http.ServerResponse, body: Record<string, string>): undefined {
    const scopes = String(body.scopes ?? 'read')
      .split(/\s+/)
      .filter(Boolean);
    if (!body.client_name || !body.redirect_uris) {
      return this.#json(res, 422, { error: "Validation failed: Application name can't be blank" });
    }
    if (scopes.some((s) => !this.options.supportedScopes.includes(s))) {
      return this.#json(res, 422, { error: 'Validation failed: Scopes are invalid' });
    }
    const clientId = randomBytes(16).toString('base64url');
    const secret = randomBytes(24).toString('base64url');
    const redirectUris = String(body.redirect_uris).split(/\s+/);
    this.apps.set(clientId, { secret, redirectUris, scopes });
    this.#json(res, 200, {
      id: String(this.apps.size),
      name: body.client_name,
      website: body.website ?? null,
      scopes,
      redirect_uri: redirectUris.join('\n'),
      redirect_uris: redirectUris,
      client_id: clientId,
      client_secret: secret,
      client_secret_expires_at: 0,
    });
  }

  #authorize(res: http.ServerResponse, url: URL): undefined {
    const q = url.searchParams;
    const app = this.apps.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    const scopes = (q.get('scope') ?? 'read').split(/[\s+]+/).filter(Boolean);
    if (!app?.redirectUris.includes(redirectUri) || q.get('response_type') !== 'code') {
      return this.#json(res, 400, { error: 'invalid_request' });
    }
    if (scopes.some((s) => !app.scopes.includes(s))) return this.#json(res, 400, { error: 'invalid_scope' });
    if (!this.signedInAccountId) return this.#json(res, 401, { error: 'no signed-in account in the double' });
    const challenge = q.get('code_challenge') ?? '';
    if (challenge && q.get('code_challenge_method') !== 'S256')
      return this.#json(res, 400, { error: 'invalid_request' });
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, {
      clientId: q.get('client_id') ?? '',
      redirectUri,
      scopes,
      challenge,
      accountId: this.signedInAccountId,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (q.get('state')) back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  #token(req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, string>): undefined {
    const missing = missingFormCredentials(body);
    if (missing) return this.#json(res, 400, missing);
    let clientId = body.client_id;
    let secret = body.client_secret;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const [id, pw] = Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent);
      clientId = id;
      secret = pw;
    }
    const app = clientId ? this.apps.get(clientId) : undefined;
    if (!app || app.secret !== secret) return this.#json(res, 401, { error: 'invalid_client' });
    if (body.grant_type !== 'authorization_code')
      return this.#json(res, 400, { error: 'unsupported_grant_type' });
    const grant = this.codes.get(body.code ?? '');
    this.codes.delete(body.code ?? '');
    if (!grant || grant.clientId !== clientId || grant.redirectUri !== body.redirect_uri) {
      return this.#json(res, 400, { error: 'invalid_grant' });
    }
    if (grant.challenge) {
      const computed = createHash('sha256')
        .update(body.code_verifier ?? '')
        .digest('base64url');
      if (computed !== grant.challenge) return this.#json(res, 400, { error: 'invalid_grant' });
    }
    const token = this.issueToken(grant.accountId, grant.scopes);
    this.#json(res, 200, {
      access_token: token,
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      created_at: Math.floor(this.now() / 1000),
    });
  }

  #json(res: http.ServerResponse, status: number, body: unknown): undefined {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}

/**
 * The token endpoint wants client_id and client_secret in the form, as GoToSocial does (the
 * strictest server; Mastodon also accepts HTTP Basic): GoToSocial's TokenPOSTHandler
 * (internal/api/auth/token.go) adds "client_id was not set in the token request form" and
 * "client_secret was not set in the token request form" for each missing field, ignoring any
 * Authorization header, and answers 400 invalid_request with them joined by ": ".
 */
function missingFormCredentials(body: Record<string, string>): Record<string, string> | null {
  const help: string[] = [];
  if (body.client_id === undefined) help.push('client_id was not set in the token request form');
  if (body.client_secret === undefined) help.push('client_secret was not set in the token request form');
  if (help.length === 0) return null;
  return { error: 'invalid_request', error_description: `Bad Request: ${help.join(': ')}` };
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(text);
  return Object.fromEntries(new URLSearchParams(text));
}
