// The test browser (cookies, CSRF token) speaking to a real `passerelle serve` over HTTP.
import { TestBrowser } from '../web/client.ts';

export function remoteBrowser(baseUrl: string): TestBrowser {
  return new TestBrowser({
    request: (input, init) => fetch(input.replace('http://localhost', baseUrl), init),
  });
}
