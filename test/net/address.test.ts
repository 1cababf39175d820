import { describe, expect, it } from 'vitest';
import { addressAllowed, isPublicAddress } from '../../src/net/address.ts';
import { STRICT_POLICY } from '../../src/net/policy.ts';

describe('which addresses are public', () => {
  it('refuses every IPv4 range that is not public unicast', () => {
    for (const a of [
      '0.0.0.0',
      '0.1.2.3',
      '10.1.2.3',
      '100.64.0.1',
      '127.0.0.1',
      '127.255.255.254',
      '169.254.169.254',
      '172.16.5.4',
      '192.0.0.8',
      '192.0.2.1',
      '192.168.1.1',
      '198.18.0.1',
      '198.19.255.255',
      '198.51.100.7',
      '203.0.113.9',
      '224.0.0.1',
      '240.0.0.1',
      '255.255.255.255',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('refuses every IPv6 form that is not global unicast, embedded IPv4 included', () => {
    for (const a of [
      '::',
      '::1',
      '::7f00:1', // IPv4-compatible 127.0.0.1
      '::127.0.0.1',
      '::ffff:127.0.0.1', // IPv4-mapped
      '::ffff:7f00:1',
      '::ffff:8.8.8.8', // mapped, even public: a v6 socket reaching v4 is not a public v6 host
      '2002:7f00:1::', // 6to4 embedding 127.0.0.1
      '2002:a00:1::1', // 6to4 embedding 10.0.0.1
      '2002:0808:0808::1',
      '2001::1', // Teredo
      '2001:db8::1', // documentation
      '64:ff9b::7f00:1', // NAT64 (RFC 6052)
      '64:ff9b::a9fe:a9fe',
      '64:ff9b:1::1', // local-use NAT64 (RFC 8215)
      'fec0::1', // site-local (deprecated)
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'fe80::1%eth0',
      'ff02::1',
      'ff0e::1',
      '100::1', // discard
      '[::1]',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('accepts public unicast addresses and nothing that is not an address', () => {
    for (const a of [
      '1.1.1.1',
      '93.184.216.34',
      '8.8.8.8',
      '2a01:4f8::1',
      '2606:4700::1111',
      '[2a01:4f8::1]',
    ])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['localhost', 'example.org', '', '0x7f.1', '127.1', '017700000001', '1.2.3'])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('lets a strict policy reach only the private addresses it names, however they are written', () => {
    const policy = { ...STRICT_POLICY, allowedAddresses: ['127.0.0.1'] };
    expect(addressAllowed('127.0.0.1', policy)).toBe(true);
    expect(addressAllowed('::ffff:127.0.0.1', policy)).toBe(true);
    expect(addressAllowed('127.0.0.2', policy)).toBe(false);
    expect(addressAllowed('::1', policy)).toBe(false);
    expect(addressAllowed('127.0.0.1', STRICT_POLICY)).toBe(false);
    expect(addressAllowed('1.1.1.1', STRICT_POLICY)).toBe(true);
  });
});
