// The server families the double can behave as. Each rule names the documentation or source it
// encodes; the double must never be kinder than the real server it claims to be.

export type FlavourName = 'mastodon' | 'gotosocial' | 'akkoma';

export interface Flavour {
  name: FlavourName;
  /** How /oauth/token takes the client's credentials. */
  clientAuth: 'basic_or_body' | 'body_only';
  /** Whether /oauth/token checks the PKCE verifier against the challenge. */
  checksPkce: boolean;
  /** Who a request budget belongs to: the token's account, or the caller's IP address. */
  limitKey: 'account' | 'ip';
  /** Whether answers carry X-RateLimit-Limit/Remaining/Reset. */
  rateLimitHeaders: boolean;
  /** Body of a 429. */
  throttledBody: Record<string, string>;
  /** Follows per account per window, beside the request budget (null: none). */
  followWindow: { limit: number; periodMs: number } | null;
  /** Local accounts are created locked unless told otherwise. */
  newAccountsLocked: boolean;
  /** Search finds `user@host:port` only when the query starts with `@`. */
  searchPortNeedsAt: boolean;
  /** The following list's Link header keeps a `next` on its last page. */
  nextLinkOnLastPage: boolean;
  /** How ids look (all fixed width, so they sort as strings). */
  ids: 'snowflake' | 'ulid' | 'flake';
}

export const FLAVOURS: Record<FlavourName, Flavour> = {
  mastodon: {
    name: 'mastodon',
    // Doorkeeper takes either (config/initializers/doorkeeper.rb: client_credentials :from_basic,
    // :from_params); PKCE S256 is verified (docs.joinmastodon.org/methods/oauth/#token).
    clientAuth: 'basic_or_body',
    checksPkce: true,
    // config/initializers/rack_attack.rb 'throttle_authenticated_api': 300 per 5 minutes per
    // account, headers from docs.joinmastodon.org/api/rate-limits/ (reset as an ISO 8601 time).
    limitKey: 'account',
    rateLimitHeaders: true,
    throttledBody: { error: 'Too many requests' },
    // docs.joinmastodon.org/api/rate-limits/: "Following: 400 accounts per 24 hours".
    followWindow: { limit: 400, periodMs: 86_400_000 },
    newAccountsLocked: false,
    searchPortNeedsAt: false,
    nextLinkOnLastPage: false,
    // Snowflake ids, numeric strings (docs.joinmastodon.org/api/guidelines/#id).
    ids: 'snowflake',
  },
  gotosocial: {
    name: 'gotosocial',
    // Token requests without client_id/client_secret in the form: 400 invalid_request "client_id
    // was not set in the token request form" (internal/api/auth/token.go, seen on v0.19).
    clientAuth: 'body_only',
    // The code_verifier is not checked (internal/oauth/server.go registers no PKCE verifier).
    checksPkce: false,
    // docs.gotosocial.org/en/latest/api/ratelimiting/: IP-based, 300 requests per 5 minutes for
    // the client API as a whole, the same X-Ratelimit-* headers on every response.
    limitKey: 'ip',
    rateLimitHeaders: true,
    throttledBody: { error: 'Too Many Requests' },
    followWindow: null,
    // internal/processing/account/create.go: new accounts are locked (manual follow approval).
    newAccountsLocked: true,
    // internal/processing/search/search.go: a namestring with a port is parsed only with its
    // leading '@' (`@user@host:8080`).
    searchPortNeedsAt: true,
    // internal/paging: the Link header carries `next` even when the page is the last one.
    nextLinkOnLastPage: true,
    // ULIDs (internal/id/ulid.go).
    ids: 'ulid',
  },
  akkoma: {
    name: 'akkoma',
    // Pleroma.Web.OAuth.OAuthController.token_exchange: credentials from Basic or params
    // (lib/pleroma/web/oauth/oauth_controller.ex, fetch_client_credentials). PKCE is not
    // documented: the verifier is checked as Mastodon does, the stricter choice.
    clientAuth: 'basic_or_body',
    checksPkce: true,
    // docs/configuration/cheatsheet.md ":rate_limit": per-action limiters (relations_actions for
    // follows, search…), no X-RateLimit-* headers; Pleroma.Web.Plugs.RateLimiter answers 429
    // {"error": "Throttled"}. The double applies relations_actions as {10_000 ms, 10} per user.
    limitKey: 'account',
    rateLimitHeaders: false,
    throttledBody: { error: 'Throttled' },
    followWindow: { limit: 10, periodMs: 10_000 },
    newAccountsLocked: false,
    searchPortNeedsAt: false,
    nextLinkOnLastPage: false,
    // docs/api/differences_in_mastoapi_responses.md: 128-bit flake ids, sortable strings, not numbers.
    ids: 'flake',
  },
};

/** Fixed-width ids in the flavour's alphabet: string order is creation order. */
export function makeId(flavour: Flavour, n: number): string {
  if (flavour.ids === 'ulid') return `01J${n.toString(32).toUpperCase().padStart(23, '0')}`;
  if (flavour.ids === 'flake') return `AZ${n.toString(36).padStart(16, '0')}`;
  return `109${String(n).padStart(15, '0')}`;
}
