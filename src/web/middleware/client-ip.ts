// The caller's address and protocol. Behind N trusted proxies (TRUST_PROXY=N), each proxy appends
// the address it saw to X-Forwarded-For: the Nth entry from the right is the one the outermost
// trusted proxy saw; everything to its left was written by the client and proves nothing.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The entry of a comma-separated forwarding header that the outermost of `hops` trusted proxies
 * wrote; the leftmost when the list is shorter (the request passed fewer proxies than configured).
 */
export function trustedHop(header: string | undefined, hops: number): string | undefined {
  if (hops < 1 || !header) return undefined;
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - hops)];
}

export function clientIp(c: Context, trustProxyHops: number): string {
  const forwarded = trustedHop(c.req.header('x-forwarded-for'), trustProxyHops);
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket (in-process requests in tests): one shared bucket.
    return 'unknown';
  }
}

/** `https:` or `http:` as the client used it: the URL's, or what the trusted proxy saw. */
export function clientProtocol(c: Context, trustProxyHops: number): string {
  const forwarded = trustedHop(c.req.header('x-forwarded-proto'), trustProxyHops)?.toLowerCase();
  if (forwarded === 'https' || forwarded === 'http') return `${forwarded}:`;
  return new URL(c.req.url).protocol;
}
