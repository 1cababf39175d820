import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  InstanceUrlError,
  instanceFetch,
  instancePolicyFromEnv,
  isPrivateAddress,
  parseInstanceUrl,
  publicOnlyLookup,
  validateInstanceUrl,
} from '../../src/platforms/mastodon/instance.ts';

const strict = { allowHttp: false, allowPrivateAddresses: false };
const dev = { allowHttp: true, allowPrivateAddresses: true };

describe('Mastodon instance URL validation', () => {
  it('accepts what people type and keeps only the origin', () => {
    expect(parseInstanceUrl('mastodon.social', strict).origin).toBe('https://mastodon.social');
    expect(parseInstanceUrl(' https://Piaille.fr/ ', strict).origin).toBe('https://piaille.fr');
  });

  it('refuses http, paths, credentials and garbage with a message that says what to do', () => {
    expect(() => parseInstanceUrl('http://mastodon.social', strict)).toThrow(/https/);
    expect(() => parseInstanceUrl('https://mastodon.social/@alice', strict)).toThrow(/without path/);
    expect(() => parseInstanceUrl('https://u:p@mastodon.social', strict)).toThrow(InstanceUrlError);
    expect(() => parseInstanceUrl('ftp://x.org', strict)).toThrow(/https/);
    expect(() => parseInstanceUrl('', strict)).toThrow(/address of your Mastodon instance/);
    expect(() => parseInstanceUrl('exa mple', strict)).toThrow(/not a valid/);
  });

  it('classifies private, loopback and link-local addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['1.1.1.1', '2a01:4f8::1', '93.184.216.34']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses instances on private or loopback addresses (SSRF) unless the development setting allows them', async () => {
    await expect(validateInstanceUrl('https://127.0.0.1:8443', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://[::1]', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://localhost', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://169.254.169.254', strict)).rejects.toThrow(/private or local/);
    expect((await validateInstanceUrl('http://127.0.0.1:8443', dev)).origin).toBe('http://127.0.0.1:8443');
  });

  it('takes the development setting from the environment, never in production', () => {
    expect(instancePolicyFromEnv({})).toEqual(strict);
    expect(instancePolicyFromEnv({ PASSERELLE_MASTODON_ALLOW_PRIVATE: '1' })).toEqual(dev);
    expect(instancePolicyFromEnv({ PASSERELLE_MASTODON_ALLOW_PRIVATE: '1', NODE_ENV: 'production' })).toEqual(
      strict,
    );
  });
});

describe('instance requests and DNS rebinding', () => {
  async function countingServer() {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { port, requests: () => requests, close: () => new Promise((r) => server.close(r)) };
  }

  it('refuses at connect time a name that resolves to a private address, without reaching it', async () => {
    const server = await countingServer();
    try {
      const guarded = instanceFetch({ allowHttp: true, allowPrivateAddresses: false });
      const error = await guarded(`http://localhost:${server.port}/api/v1/instance`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('EPRIVATEADDRESS');
      expect(server.requests()).toBe(0);
      // The development setting connects as before.
      const open = instanceFetch(dev);
      expect((await open(`http://localhost:${server.port}/api/v1/instance`)).status).toBe(200);
      expect(server.requests()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('the checked lookup answers both lookup shapes and passes DNS errors through', async () => {
    const ask = (host: string, all: boolean) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        publicOnlyLookup(host, { all }, (err, address) => resolve({ err, address })),
      );
    expect((await ask('localhost', false)).err?.code).toBe('EPRIVATEADDRESS');
    expect((await ask('localhost', true)).err?.code).toBe('EPRIVATEADDRESS');
    expect((await ask('no-such-host.invalid', false)).err?.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});
