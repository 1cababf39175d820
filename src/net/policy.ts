// Where outbound requests may go. Production is strict: https only, public addresses only.
// Development and tests (a local PDS, the Mastodon double) need http and loopback, and only
// the explicit development setting turns them on, never under NODE_ENV=production.

export interface NetPolicy {
  /** Allow http:// (development and tests only). */
  allowHttp: boolean;
  /** Allow private, loopback and link-local addresses (development and tests only). */
  allowPrivateAddresses: boolean;
  /**
   * Private addresses reached all the same under a strict policy: an operator's own service
   * on its network, or a test's local server while every other address stays refused.
   */
  allowedAddresses?: readonly string[];
}

export const STRICT_POLICY: NetPolicy = Object.freeze({ allowHttp: false, allowPrivateAddresses: false });
export const DEVELOPMENT_POLICY: NetPolicy = Object.freeze({ allowHttp: true, allowPrivateAddresses: true });

/** PASSERELLE_MASTODON_ALLOW_PRIVATE=1 is the development setting; production is always strict. */
export function netPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): NetPolicy {
  const dev = env.NODE_ENV !== 'production' && env.PASSERELLE_MASTODON_ALLOW_PRIVATE === '1';
  return dev ? { ...DEVELOPMENT_POLICY } : { ...STRICT_POLICY };
}

/**
 * An address the operator configured (X's endpoints, the handle service): trusted as written,
 * so it may be local; the other limits (timeouts, size, redirects) still hold.
 */
export const CONFIGURED_SERVICE_POLICY: NetPolicy = DEVELOPMENT_POLICY;
