// What the web layer needs from the rest of Passerelle, passed explicitly to every route module.
import type { Database } from '../db/index.ts';
import type { BridgeLookups } from '../directory/bridge-lookups.ts';
import type { DigestMailer } from '../directory/digest.ts';
import type { XOAuthConfig } from '../identity/x-oauth.ts';
import type { ProfileLookups } from '../profiles/background.ts';
import type { MastodonInstance } from '../share/instances.ts';
import { type PlatformLinks, revokeTokensBeforeDelete } from './links.ts';

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface WebConfig {
  /** Secure + __Host- cookies. Off only for plain-http deployments on a private network. */
  cookieSecure: boolean;
  /** Idle lifetime of a session: each use pushes the expiry this far forward. */
  sessionTtlSeconds: number;
  /** Origins accepted on state-changing requests besides the request's own host. */
  allowedOrigins: string[];
  /**
   * How many reverse proxies stand in front (0: none). Their X-Forwarded-For and
   * X-Forwarded-Proto entries are trusted, counted from the right; nothing further left.
   */
  trustProxy: number;
  /** Largest archive upload body, in bytes. */
  maxUploadBytes: number;
  /** Largest list (following or followers) accepted in one upload. */
  maxIdsPerList: number;
  /**
   * An archive sent in parts (src/web/routes/archive-parts.ts): the ids a part holds at most and
   * its body's bound. The browser sends parts when its lists hold more ids than one part.
   */
  uploadParts: { maxIds: number; maxBytes: number };
  /** How long public statistics are served from memory. */
  statsCacheSeconds: number;
  /** Bearer token that opens /metrics beyond loopback (METRICS_TOKEN); unset: loopback only. */
  metricsToken?: string;
  rateLimits: {
    signInPerIp: RateLimitRule;
    /** Sign-in starts (linking a network, Sign in with X) by one user, from any address. */
    signInPerUser: RateLimitRule;
    uploadPerIp: RateLimitRule;
    uploadPerUser: RateLimitRule;
    /** Parts and finishes of archives sent in parts (one of 50M ids takes 100 parts a list). */
    uploadPartPerIp: RateLimitRule;
    uploadPartPerUser: RateLimitRule;
  };
  /** Confirmation emails asked from one client address, by one user, and sent to one mailbox. */
  emailLimits: {
    perIp: RateLimitRule;
    perUser: RateLimitRule;
    perAddress: RateLimitRule;
  };
}

/** Runs inside the deletion transaction before the user's rows go (e.g. revoke platform tokens). */
export type BeforeUserDelete = (tx: Database, userId: number) => Promise<void>;

export interface WebContext {
  database: Database;
  /** Anything left out takes DEFAULT_CONFIG's value (each rate limit rule apart). */
  config?: Partial<Omit<WebConfig, 'rateLimits'>> & { rateLimits?: Partial<WebConfig['rateLimits']> };
  /** Folder of the built SPA (index.html + assets); no static files when unset. */
  staticDir?: string;
  /** Hooks run before an account is deleted; the follow engine adds token revocation here. */
  beforeUserDelete?: BeforeUserDelete[];
  /** Linking Bluesky and Mastodon (vault + OAuth clients); unset: those routes answer 503. */
  links?: PlatformLinks;
  /** Sign in with X; unset: the X routes answer 503. */
  x?: XOAuthConfig | null;
  /** Bridgy Fed offers (its resolver and domains, looked up off the request path); unset: none. */
  bridge?: BridgeLookups;
  /** Public profile look-ups of matched accounts (off the request path); unset: no profiles. */
  profiles?: ProfileLookups;
  /** Mastodon servers suggested to people without an account (the operator's list). */
  instances?: MastodonInstance[];
  /** Outgoing email (SMTP, sender, public URL, secret); unset: addresses cannot be given. */
  mail?: DigestMailer | null;
}

/** The context every route module receives: the database and a complete configuration. */
export interface RouteContext {
  database: Database;
  config: WebConfig;
  beforeUserDelete: BeforeUserDelete[];
  links?: PlatformLinks;
  x?: XOAuthConfig | null;
  bridge?: BridgeLookups;
  profiles?: ProfileLookups;
  instances?: MastodonInstance[];
  mail?: DigestMailer | null;
}

export const DEFAULT_CONFIG: WebConfig = {
  cookieSecure: true,
  sessionTtlSeconds: 30 * 24 * 3600,
  allowedOrigins: [],
  trustProxy: 0,
  maxUploadBytes: 64 * 1024 * 1024,
  maxIdsPerList: 2_000_000,
  // 500,000 ids of up to 20 digits are at most ~11.5 MB of JSON.
  uploadParts: { maxIds: 500_000, maxBytes: 12 * 1024 * 1024 },
  statsCacheSeconds: 15,
  rateLimits: {
    signInPerIp: { limit: 30, windowSeconds: 3600 },
    signInPerUser: { limit: 20, windowSeconds: 3600 },
    uploadPerIp: { limit: 30, windowSeconds: 3600 },
    uploadPerUser: { limit: 10, windowSeconds: 3600 },
    uploadPartPerIp: { limit: 2000, windowSeconds: 3600 },
    uploadPartPerUser: { limit: 1000, windowSeconds: 3600 },
  },
  emailLimits: {
    perIp: { limit: 20, windowSeconds: 3600 },
    perUser: { limit: 5, windowSeconds: 3600 },
    perAddress: { limit: 3, windowSeconds: 86_400 },
  },
};

export function routeContext(ctx: WebContext): RouteContext {
  const rateLimits = { ...DEFAULT_CONFIG.rateLimits, ...ctx.config?.rateLimits };
  const config: WebConfig = { ...DEFAULT_CONFIG, ...ctx.config, rateLimits };
  const beforeUserDelete = [...(ctx.beforeUserDelete ?? [])];
  // Revoke what the user gave Passerelle at the platforms before their rows go.
  if (ctx.links) beforeUserDelete.push(revokeTokensBeforeDelete(ctx.links));
  return {
    database: ctx.database,
    config,
    beforeUserDelete,
    links: ctx.links,
    x: ctx.x,
    bridge: ctx.bridge,
    profiles: ctx.profiles,
    instances: ctx.instances,
    mail: ctx.mail,
  };
}

/** Configuration from the environment, for `passerelle serve`. */
export function webConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<WebConfig> {
  const config: Partial<WebConfig> = {};
  if (env.COOKIE_SECURE === '0') config.cookieSecure = false;
  if (env.TRUST_PROXY) config.trustProxy = proxyHops(env.TRUST_PROXY);
  if (env.METRICS_TOKEN?.trim()) config.metricsToken = env.METRICS_TOKEN.trim();
  if (env.PASSERELLE_UPLOAD_PART_IDS) config.uploadParts = uploadParts(env.PASSERELLE_UPLOAD_PART_IDS);
  if (env.PUBLIC_ORIGIN) config.allowedOrigins = env.PUBLIC_ORIGIN.split(',').map((o) => o.trim());
  return config;
}

/** TRUST_PROXY: the number of proxies in front of Passerelle. */
function proxyHops(value: string): number {
  if (!/^\d{1,2}$/.test(value.trim()))
    throw new Error(
      `TRUST_PROXY must be the number of reverse proxies in front of Passerelle (for example 1), not "${value}".`,
    );
  return Number(value.trim());
}

/** PASSERELLE_UPLOAD_PART_IDS: ids per part of an archive sent in parts (small in tests). */
function uploadParts(value: string): WebConfig['uploadParts'] {
  const maxIds = Number(value.trim());
  if (!Number.isInteger(maxIds) || maxIds < 1 || maxIds > DEFAULT_CONFIG.uploadParts.maxIds)
    throw new Error(
      `PASSERELLE_UPLOAD_PART_IDS must be a whole number from 1 to ${DEFAULT_CONFIG.uploadParts.maxIds}, not "${value}".`,
    );
  return { ...DEFAULT_CONFIG.uploadParts, maxIds };
}
