// A bounded load test of `passerelle serve` on 127.0.0.1: archive uploads (large lists) and page
// loads at once, on each database. No request may fail, and /healthz must answer while every
// upload is being stored. Counts, not timings: the run is bounded by the uploads and stops itself.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createScratchPostgres, testDatabaseKinds } from '../support/databases.ts';
import {
  freePort,
  type ServeProcess,
  startServeProcess,
  vaultKeysForTest,
} from '../support/serve-process.ts';
import { archiveBody, TestBrowser } from './client.ts';

const UPLOADS = 3;
const IDS_PER_LIST = 120_000;
const PAGE_LOADERS = 4;
const PAGES = ['/', '/api/stats', '/healthz'];

const ids = (n: number, base: number) => Array.from({ length: n }, (_, i) => String(base + i * 13));

/** TestBrowser over real HTTP: cookies and the CSRF token kept as a browser would. */
function browserFor(server: ServeProcess): TestBrowser {
  return new TestBrowser({
    request: (input, init) => fetch(String(input).replace('http://localhost', server.url), init),
  });
}

interface Tally {
  failures: string[];
  /** End times of /healthz answers (ok), to check one arrived during each upload. */
  healthAnswers: number[];
  pages: number;
}

async function loadPages(server: ServeProcess, tally: Tally, until: () => boolean): Promise<void> {
  for (let i = 0; !until(); i++) {
    const page = PAGES[i % PAGES.length] as string;
    try {
      const res = await fetch(`${server.url}${page}`);
      await res.arrayBuffer();
      if (res.status !== 200) tally.failures.push(`${page}: ${res.status}`);
      else if (page === '/healthz') tally.healthAnswers.push(performance.now());
      tally.pages++;
    } catch (err) {
      tally.failures.push(`${page}: ${err}`);
    }
  }
}

async function upload(
  server: ServeProcess,
  n: number,
  tally: Tally,
): Promise<{ start: number; end: number }> {
  const browser = browserFor(server);
  await browser.signIn();
  const xId = String(880_000 + n);
  const start = performance.now();
  const res = await browser.request('POST', '/api/archive', {
    body: archiveBody(xId, ids(IDS_PER_LIST, 1_000_000_000 * (n + 1)), ids(IDS_PER_LIST, 7_000_000_000 + n)),
  });
  const end = performance.now();
  if (res.status !== 200) tally.failures.push(`upload ${n}: ${res.status} ${await res.text()}`);
  else {
    const { archive } = (await res.json()) as { archive: { following: number; followers: number } };
    expect(archive).toMatchObject({ following: IDS_PER_LIST, followers: IDS_PER_LIST });
  }
  return { start, end };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

for (const kind of testDatabaseKinds()) {
  it(`serve answers pages and /healthz while archives are stored [${kind}]`, async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'passerelle-load-'));
    cleanups.push(() => rm(tmp, { recursive: true, force: true }));
    const ui = path.join(tmp, 'ui');
    await mkdir(ui);
    await writeFile(
      path.join(ui, 'index.html'),
      '<!doctype html><title>Passerelle</title><div id="root"></div>',
    );
    const port = await freePort();
    const env: Record<string, string> = {
      DATA_DIR: path.join(tmp, 'data'),
      UI_DIR: ui,
      NODE_ENV: 'development',
      PUBLIC_ORIGIN: `http://localhost:${port}`,
      PASSERELLE_VAULT_KEYS: vaultKeysForTest(),
    };
    if (kind === 'postgres') {
      const scratch = await createScratchPostgres();
      cleanups.push(() => scratch.drop());
      env.DATABASE_URL = scratch.url;
    }
    const server = await startServeProcess(port, env);
    cleanups.push(() => server.stop());

    const tally: Tally = { failures: [], healthAnswers: [], pages: 0 };
    let uploadsDone = false;
    const loaders = Array.from({ length: PAGE_LOADERS }, () => loadPages(server, tally, () => uploadsDone));
    const windows: { start: number; end: number }[] = [];
    try {
      // Two uploads overlap, then one alone: the store is busy throughout.
      windows.push(...(await Promise.all([upload(server, 0, tally), upload(server, 1, tally)])));
      for (let n = 2; n < UPLOADS; n++) windows.push(await upload(server, n, tally));
    } finally {
      uploadsDone = true;
      await Promise.all(loaders);
    }

    expect(tally.failures, server.log()).toEqual([]);
    expect(tally.pages).toBeGreaterThan(0);
    for (const { start, end } of windows) {
      expect(tally.healthAnswers.some((t) => t > start && t < end)).toBe(true);
    }
    expect(await server.stop()).toBe(0);
  }, 600_000);
}
