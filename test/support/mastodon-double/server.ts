// Mastodon API test double (see README.md here): small, in-process, answering the endpoints
// Passerelle calls as one server family does (flavours.ts: Mastodon, GoToSocial, Akkoma).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FLAVOURS, type Flavour, type FlavourName, makeId } from './flavours.ts';
import { answerLists, type DoubleList } from './lists.ts';
import { authorize, createApp, type OAuthState, token as tokenGrant } from './oauth.ts';

export { FLAVOURS, type FlavourName } from './flavours.ts';

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
  flavour?: FlavourName;
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
  'write:blocks',
  'write:mutes',
];

/**
 * Scopes each write accepts (app/controllers/api/v1/accounts_controller.rb: doorkeeper_authorize!
 * :follow, :write, :'write:blocks' for block; :follow, :write, :'write:mutes' for mute).
 */
const SCOPES_FOR = {
  block: ['follow', 'write', 'write:blocks'],
  mute: ['follow', 'write', 'write:mutes'],
} as const;
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

export class MastodonTestDouble implements OAuthState {
  readonly host: string;
  readonly flavour: Flavour;
  readonly options: Required<Omit<DoubleOptions, 'host' | 'flavour'>>;
  readonly accounts = new Map<string, DoubleAccount>();
  readonly follows = new Map<string, Set<string>>();
  readonly requests = new Map<string, Set<string>>();
  /** Who blocks and who mutes whom: account id → account ids. */
  readonly blocks = new Map<string, Set<string>>();
  readonly mutes = new Map<string, Set<string>>();
  blockCalls = 0;
  muteCalls = 0;
  readonly apps = new Map<string, { secret: string; redirectUris: string[]; scopes: string[] }>();
  readonly codes = new Map<
    string,
    { clientId: string; redirectUri: string; scopes: string[]; challenge: string; accountId: string }
  >();
  readonly tokens = new Map<string, Token>();
  readonly faults: Fault[] = [];
  readonly lists = new Map<string, DoubleList>();
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
    this.flavour = FLAVOURS[options.flavour ?? 'mastodon'];
    const window = this.flavour.followWindow;
    this.options = {
      supportedScopes: options.supportedScopes ?? MODERN_SCOPES,
      requestsPer5Min: options.requestsPer5Min ?? 300,
      followsPerDay: options.followsPerDay ?? (window?.periodMs === 86_400_000 ? window.limit : 0),
      followCap: options.followCap ?? 7_500,
    };
  }

  get supportedScopes(): string[] {
    return this.options.supportedScopes;
  }

  /** The follow family's window: a day's follows (option), else the flavour's own. */
  get #followWindow(): { limit: number; periodMs: number } | null {
    if (this.options.followsPerDay > 0) return { limit: this.options.followsPerDay, periodMs: 86_400_000 };
    return this.flavour.followWindow?.periodMs === 86_400_000 ? null : this.flavour.followWindow;
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
    const domain = options.domain ?? null;
    const account: DoubleAccount = {
      id: makeId(this.flavour, this.#nextId++),
      username,
      domain,
      locked: options.locked ?? (domain === null && this.flavour.newAccountsLocked),
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

  /** The remote servers deliver their Accept: follow requests to unlocked remote accounts become follows. */
  federate(): void {
    for (const [follower, pending] of this.requests) {
      for (const id of pending) {
        const target = this.accounts.get(id);
        if (target?.domain && !target.locked) this.#settle(follower, id, true);
      }
    }
  }

  /** The owner of a locked account answers a follow request (Accept or Reject). */
  answerRequest(followerId: string, targetId: string, accept: boolean): void {
    this.#settle(followerId, targetId, accept);
  }

  #settle(followerId: string, targetId: string, accept: boolean): void {
    if (!this.requests.get(followerId)?.delete(targetId)) return;
    if (accept) this.followingOf(followerId).add(targetId);
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
      blocking: this.blocks.get(me)?.has(target) ?? false,
      muting: this.mutes.get(me)?.has(target) ?? false,
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
    // GoToSocial counts every request of the caller's address, signed in or not.
    const ipKey = `ip:${req.socket.remoteAddress}`;
    if (
      this.flavour.limitKey === 'ip' &&
      !this.#spend(this.#requestWindows, ipKey, this.options.requestsPer5Min, 300_000, res)
    )
      return;
    if (route === 'POST /api/v1/apps') return this.#answer(res, createApp(this, body));
    if (route === 'GET /oauth/authorize') return this.#answer(res, authorize(this, url));
    if (route === 'POST /oauth/token') return this.#answer(res, tokenGrant(this, req, body));
    if (route === 'POST /oauth/revoke') {
      const t = this.tokens.get(String(body.token ?? ''));
      if (t) t.revoked = true;
      return this.#json(res, 200, {});
    }
    // Everything else needs a valid token.
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const auth = token ? this.tokens.get(token) : undefined;
    if (!auth || auth.revoked) return this.#json(res, 401, { error: 'The access token is invalid' });
    if (
      this.flavour.limitKey === 'account' &&
      this.flavour.rateLimitHeaders &&
      !this.#spend(this.#requestWindows, auth.accountId, this.options.requestsPer5Min, 300_000, res)
    )
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
      const portWithoutAt = this.flavour.searchPortNeedsAt && !q.startsWith('@') && /@[^@]+:\d+$/.test(q);
      const found = portWithoutAt ? undefined : this.#byAcct(q);
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
    const listAnswer = answerLists(
      {
        lists: this.lists,
        nextListId: () => String(this.#nextId++),
        isFollowing: (a, b) => this.follows.get(a)?.has(b) ?? false,
        accountExists: (id) => this.accounts.has(id),
        entity: (id) => this.#entity(this.#get(id)),
      },
      route,
      me,
      body,
      url,
    );
    if (listAnswer) return this.#json(res, listAnswer.status, listAnswer.body);
    const follow = /^POST \/api\/v1\/accounts\/([^/]+)\/follow$/.exec(route);
    if (follow?.[1]) return this.#follow(res, me, follow[1]);
    const silence = /^POST \/api\/v1\/accounts\/([^/]+)\/(block|mute)$/.exec(route);
    if (silence?.[1] && (silence[2] === 'block' || silence[2] === 'mute'))
      return this.#silence(res, auth, silence[2], silence[1]);
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
    if (this.flavour.rateLimitHeaders) {
      res.setHeader('X-RateLimit-Limit', String(limit));
      res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - w.used)));
      res.setHeader('X-RateLimit-Reset', new Date(w.resetAt).toISOString());
    }
    if (w.used <= limit) return true;
    this.tooManyRequests += 1;
    this.#json(res, 429, this.flavour.throttledBody);
    return false;
  }

  #follow(res: http.ServerResponse, me: string, targetId: string): undefined {
    const window = this.#followWindow;
    if (window && !this.#spend(this.#followWindows, me, window.limit, window.periodMs, res)) return;
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
      // A locked account, or any account on another server, is asked: it stays requested until
      // the owner or that server answers (app/services/follow_service.rb: locked? || activitypub?).
      if (target.locked || target.domain) pending.add(targetId);
      else mine.add(targetId);
    }
    this.#json(res, 200, this.#relationship(me, targetId));
  }

  /**
   * POST /api/v1/accounts/:id/block | mute (docs.joinmastodon.org/methods/accounts/#block, #mute):
   * the Relationship; 404 for an unknown account; 403 "This action is outside the authorized
   * scopes" without the scope. Repeating is harmless. A block also ends the follows both ways
   * (app/services/block_service.rb) and any pending request.
   */
  #silence(res: http.ServerResponse, auth: Token, kind: 'block' | 'mute', targetId: string): undefined {
    if (!auth.scopes.some((s) => (SCOPES_FOR[kind] as readonly string[]).includes(s)))
      return this.#json(res, 403, { error: 'This action is outside the authorized scopes' });
    const me = auth.accountId;
    const target = this.accounts.get(targetId);
    if (!target?.known) return this.#json(res, 404, { error: 'Record not found' });
    if (kind === 'block') this.blockCalls += 1;
    else this.muteCalls += 1;
    const sets = kind === 'block' ? this.blocks : this.mutes;
    const mine = sets.get(me) ?? new Set<string>();
    sets.set(me, mine);
    mine.add(targetId);
    if (kind === 'block') {
      this.follows.get(me)?.delete(targetId);
      this.follows.get(targetId)?.delete(me);
      this.requests.get(me)?.delete(targetId);
      this.requests.get(targetId)?.delete(me);
    }
    this.#json(res, 200, this.#relationship(me, targetId));
  }

  #following(res: http.ServerResponse, id: string, url: URL): undefined {
    // Ids are fixed-width strings: string order is creation order, newest first.
    const ids = [...(this.follows.get(id) ?? [])].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    const limit = Math.min(80, Number(url.searchParams.get('limit') ?? 40));
    const maxId = url.searchParams.get('max_id');
    const from = maxId ? ids.findIndex((x) => x < maxId) : 0;
    const page = from < 0 ? [] : ids.slice(from, from + limit);
    const last = page[page.length - 1] ?? maxId;
    if (last && (from + limit < ids.length || this.flavour.nextLinkOnLastPage)) {
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

  #answer(res: http.ServerResponse, a: { status: number; body?: unknown; location?: string }): undefined {
    if (a.location) {
      res.writeHead(a.status, { location: a.location });
      return void res.end();
    }
    this.#json(res, a.status, a.body);
  }

  #json(res: http.ServerResponse, status: number, body: unknown): undefined {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(text);
  return Object.fromEntries(new URLSearchParams(text));
}
