// The networks' public profile look-ups, through the safe fetch: Bluesky's
// app.bsky.actor.getProfiles on the configured AppView (or a PDS that serves it), up to 25
// accounts a call; Mastodon's /api/v1/accounts/lookup on the account's own server, which is
// checked like any address from outside (https, public addresses only). No redirect is followed.
import { CONFIGURED_SERVICE_POLICY, type NetPolicy, netPolicyFromEnv } from '../net/policy.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { validateInstanceUrl } from '../platforms/mastodon/instance.ts';
import { cleanDisplayName, httpsUrl, type LookupResult } from './store.ts';

export interface ProfileResolver {
  /** Profiles by DID; a DID missing from the answer's map is an account that does not exist. */
  bluesky(dids: string[]): Promise<Map<string, LookupResult>>;
  /** The profile of `user@host`, or null when the server says there is no such account. */
  mastodon(acct: string): Promise<LookupResult>;
}

/** Bluesky's public AppView serves getProfiles to anyone, without a session. */
export const PUBLIC_APPVIEW = 'https://public.api.bsky.app';
/** getProfiles takes at most 25 actors. */
export const BLUESKY_BATCH = 25;

const ACCT = /^([^@\s/?#]+)@([a-z0-9.-]+(?::\d{1,5})?)$/i;

export function httpProfileResolver(options: {
  /** AppView (or PDS) for getProfiles: configuration, trusted as written. */
  blueskyService: string;
  /** Which Mastodon servers may be reached; strict (https, public addresses) unless development. */
  policy: NetPolicy;
  /** Where a Mastodon host's API is; the checked https://host when unset (tests: local servers). */
  mastodonBase?: (host: string) => string;
  timeoutMs?: number;
}): ProfileResolver {
  const limits = { timeoutMs: options.timeoutMs ?? 5000, maxBytes: 512 * 1024, maxRedirects: 0 };
  const serviceFetch = safeFetch(CONFIGURED_SERVICE_POLICY, limits);
  const instanceFetch = safeFetch(options.policy, limits);
  const getJson = async (fetcher: typeof fetch, url: URL): Promise<{ status: number; body: unknown }> => {
    const response = await fetcher(url, { headers: { accept: 'application/json' }, redirect: 'manual' });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { status: response.status, body: null };
    }
    return { status: 200, body: await response.json() };
  };
  return {
    async bluesky(dids) {
      const url = new URL('/xrpc/app.bsky.actor.getProfiles', options.blueskyService);
      for (const did of dids.slice(0, BLUESKY_BATCH)) url.searchParams.append('actors', did);
      const { status, body } = await getJson(serviceFetch, url);
      if (status !== 200) throw new Error(`getProfiles answered HTTP ${status}`);
      const found = new Map<string, LookupResult>();
      const profiles = (body as { profiles?: unknown }).profiles;
      for (const p of Array.isArray(profiles) ? profiles : []) {
        const profile = p as { did?: unknown; displayName?: unknown; avatar?: unknown };
        if (typeof profile.did !== 'string') continue;
        found.set(profile.did, {
          displayName: cleanDisplayName(profile.displayName),
          avatar: httpsUrl(profile.avatar),
        });
      }
      return found;
    },
    async mastodon(acct) {
      const parts = ACCT.exec(acct);
      if (!parts) return null;
      const [, user, host] = parts as unknown as [string, string, string];
      const origin = options.mastodonBase
        ? new URL(options.mastodonBase(host))
        : await validateInstanceUrl(host, options.policy);
      const url = new URL('/api/v1/accounts/lookup', origin);
      url.searchParams.set('acct', user);
      const { status, body } = await getJson(instanceFetch, url);
      if (status === 404) return null;
      if (status !== 200) throw new Error(`${origin.host} answered HTTP ${status} to a profile look-up`);
      const account = body as { display_name?: unknown; avatar_static?: unknown; avatar?: unknown };
      return {
        displayName: cleanDisplayName(account.display_name),
        avatar: httpsUrl(account.avatar_static) ?? httpsUrl(account.avatar),
      };
    },
  };
}

/** The resolver `passerelle serve` uses: PASSERELLE_BLUESKY_APPVIEW, or Bluesky's public AppView. */
export function profileResolverFromEnv(env: NodeJS.ProcessEnv = process.env): ProfileResolver {
  return httpProfileResolver({
    blueskyService: env.PASSERELLE_BLUESKY_APPVIEW?.trim() || PUBLIC_APPVIEW,
    policy: netPolicyFromEnv(env),
  });
}
