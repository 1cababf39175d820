// Which Mastodon instance URLs Passerelle will talk to. A user types the address, so it is
// untrusted: https only in production, and never a private, loopback or link-local address
// (SSRF) unless the explicit development setting allows it.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressAllowed } from '../../net/address.ts';
import { type NetPolicy, netPolicyFromEnv } from '../../net/policy.ts';

/** Which instances may be reached: the safe fetch's policy (src/net/policy.ts). */
export type InstancePolicy = NetPolicy;

/** Why an address was refused, as a code the web app translates. */
export type InstanceRefusal =
  | 'EMPTY'
  | 'INVALID_ADDRESS'
  | 'NOT_HTTPS'
  | 'HAS_PATH'
  | 'NOT_FOUND'
  | 'PRIVATE_ADDRESS';

export class InstanceUrlError extends Error {
  readonly reason: InstanceRefusal;
  constructor(message: string, reason: InstanceRefusal = 'INVALID_ADDRESS') {
    super(message);
    this.name = 'InstanceUrlError';
    this.reason = reason;
  }
}

/** PASSERELLE_MASTODON_ALLOW_PRIVATE=1 is the development setting; production is always strict. */
export const instancePolicyFromEnv = netPolicyFromEnv;

/** Parses what the user typed ("mastodon.social", "https://mastodon.social/") into an origin. */
export function parseInstanceUrl(input: string, policy: InstancePolicy): URL {
  const raw = input.trim();
  if (!raw)
    throw new InstanceUrlError(
      'Give the address of your Mastodon instance, for example mastodon.social.',
      'EMPTY',
    );
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new InstanceUrlError(`"${raw}" is not a valid instance address; write it like mastodon.social.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new InstanceUrlError(
      `The instance must be reached over https (got ${url.protocol}//${url.host}).`,
      'NOT_HTTPS',
    );
  }
  if (
    url.username ||
    url.password ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash
  ) {
    throw new InstanceUrlError(
      `Give only the instance's address, without path or credentials (got "${raw}").`,
      'HAS_PATH',
    );
  }
  return new URL(url.origin);
}

/** Parses and checks where the host resolves: every address must be public. */
export async function validateInstanceUrl(input: string, policy: InstancePolicy): Promise<URL> {
  const url = parseInstanceUrl(input, policy);
  if (policy.allowPrivateAddresses) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new InstanceUrlError(
        `The instance ${url.host} could not be found (DNS lookup failed).`,
        'NOT_FOUND',
      );
    }
  }
  if (addresses.length === 0 || !addresses.every((a) => addressAllowed(a, policy))) {
    throw new InstanceUrlError(
      `The instance ${url.host} points to a private or local address; this is not allowed.`,
      'PRIVATE_ADDRESS',
    );
  }
  return url;
}
