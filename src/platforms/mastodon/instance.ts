// Which Mastodon instance URLs Passerelle will talk to. A user types the address, so it is
// untrusted: https only in production, and never a private, loopback or link-local address
// (SSRF) unless the explicit development setting allows it.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';

export interface InstancePolicy {
  /** Allow http:// instances (development and tests only). */
  allowHttp: boolean;
  /** Allow instances on private, loopback or link-local addresses (development and tests only). */
  allowPrivateAddresses: boolean;
}

export class InstanceUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceUrlError';
  }
}

/** PASSERELLE_MASTODON_ALLOW_PRIVATE=1 is the development setting; production is always strict. */
export function instancePolicyFromEnv(env: NodeJS.ProcessEnv = process.env): InstancePolicy {
  const dev = env.NODE_ENV !== 'production' && env.PASSERELLE_MASTODON_ALLOW_PRIVATE === '1';
  return { allowHttp: dev, allowPrivateAddresses: dev };
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

/** Parses what the user typed ("mastodon.social", "https://mastodon.social/") into an origin. */
export function parseInstanceUrl(input: string, policy: InstancePolicy): URL {
  const raw = input.trim();
  if (!raw)
    throw new InstanceUrlError('Give the address of your Mastodon instance, for example mastodon.social.');
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new InstanceUrlError(`"${raw}" is not a valid instance address; write it like mastodon.social.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new InstanceUrlError(`The instance must be reached over https (got ${url.protocol}//${url.host}).`);
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
      throw new InstanceUrlError(`The instance ${url.host} could not be found (DNS lookup failed).`);
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new InstanceUrlError(
      `The instance ${url.host} points to a private or local address; this is not allowed.`,
    );
  }
  return url;
}

/**
 * fetch for instance requests that re-checks, on every connection, where the host resolves now:
 * an instance that passed validation and later resolves to a private address (DNS rebinding) is
 * refused at connect time instead of being reached.
 */
export function instanceFetch(policy: InstancePolicy): typeof fetch {
  if (policy.allowPrivateAddresses) return fetch;
  // One pool for the process: a pool per call would leave kept-alive sockets behind each link.
  if (!checkedFetch) {
    const dispatcher = new Agent({ connect: { lookup: publicOnlyLookup } });
    checkedFetch = ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
  }
  return checkedFetch;
}

let checkedFetch: typeof fetch | undefined;

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const first = addresses[0];
    if (!first || addresses.some((a) => isPrivateAddress(a.address))) {
      const refused: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to a private or local address; Passerelle does not connect there.`,
      );
      refused.code = 'EPRIVATEADDRESS';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
}
