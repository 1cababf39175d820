// PostgreSQL connections terminated under a running serve (web + follow worker) during a write
// loop: the process lives, a request that met the outage gets a clean 503 with Retry-After and a
// code, the pool reconnects, and every acknowledged write persists.

import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.ts';
import { type AcknowledgedUser, expectAcknowledged } from '../support/acknowledged-writes.ts';
import { createScratchPostgres } from '../support/databases.ts';
import { remoteBrowser } from '../support/remote-browser.ts';
import { freePort, startServeProcess, vaultKeysForTest } from '../support/serve-process.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function terminateBackends(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    const res = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL connections terminated under serve', () => {
  it('the process survives, answers 503 with Retry-After meanwhile, and keeps acknowledged writes', async () => {
    const scratch = await createScratchPostgres();
    cleanups.push(() => scratch.drop());
    const serve = await startServeProcess(
      await freePort(),
      {
        DATABASE_URL: scratch.url,
        PASSERELLE_VAULT_KEYS: vaultKeysForTest(),
        UI_DIR: '/nonexistent',
        TRUST_PROXY: '1',
      },
      240_000,
    );
    cleanups.push(() => serve.stop());
    const acked: AcknowledgedUser[] = [];
    const outages: { status: number; retryAfter: string | null; code: string }[] = [];
    let terminated = 0;
    for (let i = 0; i < 40; i += 1) {
      const browser = remoteBrowser(serve.url);
      await browser.session();
      const started = await browser.request('POST', '/api/session');
      if (started.status === 200) {
        const { user } = (await started.json()) as { user: { id: number } };
        const discoverable = i % 2 === 0;
        const write = browser.request('PUT', '/api/consents', { body: { discoverable } });
        // Every fourth write has the server's connections cut under it.
        if (i % 4 === 0) terminated += await terminateBackends(scratch.url);
        const res = await write;
        if (res.status === 200) acked.push({ userId: user.id, xId: '', edges: 0, discoverable });
        else outages.push(await outageOf(res));
      } else outages.push(await outageOf(started));
    }
    expect(terminated).toBeGreaterThan(0);
    for (const o of outages)
      expect(o).toEqual({ status: 503, retryAfter: '5', code: 'DATABASE_UNAVAILABLE' });
    expect(serve.isRunning()).toBe(true);
    expect(await (await fetch(`${serve.url}/healthz`)).json()).toEqual({ ok: true, database: 'postgres' });
    expect(serve.log()).not.toMatch(/Unhandled|follow worker stopped/);
    expect(acked.length).toBeGreaterThan(0);
    const database = await openDatabase({ kind: 'postgres', url: scratch.url });
    try {
      await expectAcknowledged(database, acked);
    } finally {
      await database.close();
    }
    expect(await serve.stop()).toBe(0);
  }, 600_000);
});

async function outageOf(res: Response) {
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.error?.code ?? '' };
}
