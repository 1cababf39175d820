// The connection-time check: every socket the safe fetch opens goes to an address checked at
// that moment, whether the URL named a host (checked after DNS, so a name that later resolves
// to a private address — DNS rebinding — is refused) or an IP literal (checked as it is).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { addressAllowed } from './address.ts';
import { PRIVATE_ADDRESS_CODE } from './errors.ts';
import type { NetPolicy } from './policy.ts';

export { PRIVATE_ADDRESS_CODE };

function refusal(host: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(
    `${host} is or resolves to a private or local address; Passerelle does not connect there.`,
  );
  err.code = PRIVATE_ADDRESS_CODE;
  return err;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that fails unless `policy` allows every address of the name. */
export function checkedLookup(policy: NetPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const first = addresses[0];
      if (!first || !addresses.every((a) => addressAllowed(a.address, policy)))
        return callback(refusal(hostname), []);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

function checkedConnector(policy: NetPolicy, connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: checkedLookup(policy) });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    // net.connect skips lookup for IP literals: they are checked here instead.
    if (isIP(host) && !addressAllowed(host, policy)) {
      callback(refusal(host), null);
      return;
    }
    return connect(options, callback);
  };
}

const pools = new Map<string, Agent>();

/**
 * One connection pool per policy and connect timeout for the process (a pool per call would
 * leave kept-alive sockets behind each request). The whole-request timeout is the caller's
 * signal; the pool bounds only the handshake.
 */
export function dispatcherFor(policy: NetPolicy, connectTimeoutMs: number): Agent {
  const key = JSON.stringify([policy.allowPrivateAddresses, policy.allowedAddresses ?? [], connectTimeoutMs]);
  let agent = pools.get(key);
  if (!agent) {
    agent = new Agent({
      connect: policy.allowPrivateAddresses
        ? { timeout: connectTimeoutMs }
        : checkedConnector(policy, connectTimeoutMs),
    });
    pools.set(key, agent);
  }
  return agent;
}
