// Which addresses Passerelle may connect to on behalf of what someone typed or an instance
// answered: public unicast only. An allow-list (ipaddr.js names every special range), so a
// range nobody thought of is refused rather than reached.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { NetPolicy } from './policy.ts';

// Global unicast IPv6 is 2000::/3; everything outside it (IPv4-compatible ::a.b.c.d, site-local
// fec0::/10, unique-local, link-local, multicast, mapped, …) is not a public host.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** True only for a public unicast IPv4 or IPv6 address; false for names and garbage. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  // node:net's parser is strict (no octal or short IPv4 forms), unlike ipaddr.parse.
  const family = isIP(bare);
  if (family === 0) return false;
  const parsed = ipaddr.parse(bare);
  if (family === 4) return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  // range() is 'unicast' only outside every special range: 6to4 (2002::/16), Teredo, NAT64
  // (64:ff9b::/96, 64:ff9b:1::/48), documentation, ORCHID… are all named ranges.
  return v6.match(GLOBAL_UNICAST_V6) && v6.range() === 'unicast';
}

/** One spelling per address, so an allowed address matches however it is written. */
function canonical(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  return isIP(bare) ? ipaddr.process(bare).toNormalizedString() : null;
}

/** Whether `policy` lets a connection reach `address` (an IP, as DNS or a URL gave it). */
export function addressAllowed(address: string, policy: NetPolicy): boolean {
  if (policy.allowPrivateAddresses || isPublicAddress(address)) return true;
  const wanted = canonical(address);
  return wanted !== null && (policy.allowedAddresses ?? []).some((a) => canonical(a) === wanted);
}
