// Instance addresses as people type them. Where connections may go is tested with the safe
// fetch (test/net).
import { describe, expect, it } from 'vitest';
import {
  InstanceUrlError,
  instancePolicyFromEnv,
  parseInstanceUrl,
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

  it('refuses instances on private or loopback addresses (SSRF) unless the development setting allows them', async () => {
    await expect(validateInstanceUrl('https://127.0.0.1:8443', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://[::1]', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://localhost', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://169.254.169.254', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://[2002:7f00:1::1]', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://[::7f00:1]', strict)).rejects.toThrow(/private or local/);
    await expect(validateInstanceUrl('https://[64:ff9b::a9fe:a9fe]', strict)).rejects.toThrow(
      /private or local/,
    );
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
