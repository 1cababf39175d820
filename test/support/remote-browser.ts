// The test browser (cookies, CSRF token) speaking to a real `passerelle serve` over HTTP. Each
// browser is a different person behind the same proxy: its own X-Forwarded-For address, so the
// per-address sign-in and upload limits count people, not the test (serve needs TRUST_PROXY=1).
import { randomInt } from 'node:crypto';
import { TestBrowser } from '../web/client.ts';

export function remoteBrowser(baseUrl: string): TestBrowser {
  const address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  return new TestBrowser({
    request: (input, init) =>
      fetch(input.replace('http://localhost', baseUrl), {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), 'x-forwarded-for': address },
      }),
  });
}
