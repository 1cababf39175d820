// Error logs never carry a token: the API's 500 warning and the logger's err both show the stack
// with secrets redacted.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { createLogger } from '../../src/vault/redact.ts';
import { createApp } from '../../src/web/app.ts';

const SECRET = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

function failingWithToken(): Error {
  const err = new Error(`upstream said access_token=${SECRET}`);
  err.stack = `Error: upstream said access_token=${SECRET}\n    at call (Authorization: Bearer ${SECRET})`;
  return err;
}

describe('error redaction', () => {
  afterEach(() => vi.restoreAllMocks());

  it('redacts the stack the API prints on a 500', async () => {
    const warnings: string[] = [];
    vi.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => {
      warnings.push(String(w));
    });
    const database = {
      query: async () => {
        throw failingWithToken();
      },
    } as unknown as Database;
    const app = createApp({ database, config: { cookieSecure: false } });
    const res = await app.request('/api/pledge', {
      headers: { cookie: `passerelle_session=${'a'.repeat(43)}` },
    });
    expect(res.status).toBe(500);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('[redacted]');
    expect(warnings[0]).toContain('at call');
    expect(warnings[0]).not.toContain(SECRET);
  });

  it('logs an error with its stack, redacted', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    createLogger({ level: 'info' }, sink).error({ err: failingWithToken() }, 'failed');
    const line = JSON.parse(out) as { err: { message: string; stack: string } };
    expect(line.err.stack).toContain('at call');
    expect(out).not.toContain(SECRET);
  });
});
