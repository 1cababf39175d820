// The production bridge resolver: Bluesky handles through the public handle resolution
// (com.atproto.identity.resolveHandle), fediverse addresses through WebFinger on their domain.
// Every request goes through the safe fetch (timeout, size cap) and follows no redirect;
// WebFinger domains get the same checks as a Mastodon instance (https, public addresses only,
// checked again at connect time), so a look-up never reaches inside the network Passerelle
// runs in.
import { CONFIGURED_SERVICE_POLICY, type NetPolicy, STRICT_POLICY } from '../net/policy.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { instancePolicyFromEnv, validateInstanceUrl } from '../platforms/mastodon/instance.ts';
import type { BridgeResolver } from './bridge.ts';

/** Bluesky's public AppView answers resolveHandle for any handle, bridged ones included. */
export const PUBLIC_HANDLE_SERVICE = 'https://public.api.bsky.app';

const ACCT = /^[^@\s/?#]+@([a-z0-9.-]+\.[a-z]{2,}|[a-z0-9.-]+:\d+)$/i;

/**
 * Resolves over HTTP. `handleService` is trusted configuration (an AppView or PDS); WebFinger
 * goes to the address's own domain, checked by `policy` unless `webfingerBase` points
 * elsewhere (tests against local peers).
 */
export function httpBridgeResolver(options: {
  handleService: string;
  /** WebFinger base for a domain; the checked https://<domain> when unset. */
  webfingerBase?: (domain: string) => string;
  /** Which WebFinger domains may be reached; strict (https, public addresses) when unset. */
  policy?: NetPolicy;
  timeoutMs?: number;
}): BridgeResolver {
  const limits = { timeoutMs: options.timeoutMs ?? 5000, maxBytes: 256 * 1024 };
  const policy = options.policy ?? STRICT_POLICY;
  const webfingerBase = async (domain: string) =>
    options.webfingerBase
      ? options.webfingerBase(domain)
      : (await validateInstanceUrl(domain, policy)).origin;
  // The handle service is configuration; WebFinger domains come from addresses in archives.
  const serviceFetch = safeFetch(CONFIGURED_SERVICE_POLICY, limits);
  const webfingerFetch = options.webfingerBase ? serviceFetch : safeFetch(policy, limits);
  const get = async (url: URL, accept: string, fetcher: typeof fetch = serviceFetch) => {
    const response = await fetcher(url, {
      headers: { accept },
      // No redirects: a peer must not bounce a look-up elsewhere (SSRF).
      redirect: 'manual',
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new Error(`${url.host} answered a redirect, which is not followed`);
    }
    return response;
  };
  return {
    async resolveBlueskyHandle(handle) {
      const url = new URL('/xrpc/com.atproto.identity.resolveHandle', options.handleService);
      url.searchParams.set('handle', handle);
      const response = await get(url, 'application/json');
      if (response.status === 400) return null; // "Unable to resolve handle"
      if (!response.ok) throw new Error(`resolveHandle answered HTTP ${response.status}`);
      const body = (await response.json()) as { did?: unknown };
      return typeof body.did === 'string' && body.did.startsWith('did:') ? body.did : null;
    },
    async fediverseAccountExists(acct) {
      const domain = ACCT.exec(acct)?.[1];
      if (!domain) return false; // not an address WebFinger could answer for
      const url = new URL('/.well-known/webfinger', await webfingerBase(domain));
      url.searchParams.set('resource', `acct:${acct}`);
      const response = await get(url, 'application/jrd+json', webfingerFetch);
      if (response.status === 404) return false;
      if (!response.ok) throw new Error(`WebFinger answered HTTP ${response.status}`);
      const body = (await response.json()) as { links?: { rel?: string; type?: string }[] };
      return (body.links ?? []).some((l) => l.rel === 'self' && (l.type ?? '').includes('activity+json'));
    },
  };
}

/**
 * The resolver `passerelle serve` uses: on unless BRIDGY_FED=0; BRIDGY_HANDLE_SERVICE changes
 * the resolveHandle service; WebFinger domains follow the Mastodon instance policy.
 */
export function bridgeResolverFromEnv(env: NodeJS.ProcessEnv = process.env): BridgeResolver | null {
  if (env.BRIDGY_FED === '0') return null;
  return httpBridgeResolver({
    handleService: env.BRIDGY_HANDLE_SERVICE?.trim() || PUBLIC_HANDLE_SERVICE,
    policy: instancePolicyFromEnv(env),
  });
}
