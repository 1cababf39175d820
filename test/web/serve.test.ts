// `passerelle serve` as a process: starts on PGlite (or PostgreSQL), answers, and stops cleanly on
// SIGTERM with exit code 0 and the data folder unlocked.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createScratchPostgres, testDatabaseKinds } from '../support/databases.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/passerelle.js');

function startServe(
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-worker'], {
    env: { ...process.env, ...env, UI_DIR: '/nonexistent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (match?.[1]) resolve({ child, url: match[1], log: () => log });
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${log}`)));
  });
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

for (const kind of testDatabaseKinds()) {
  it(`passerelle serve --no-worker answers and stops on SIGTERM [${kind}]`, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-serve-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
    if (kind === 'postgres') {
      const scratch = await createScratchPostgres();
      cleanups.push(() => scratch.drop());
      env.DATABASE_URL = scratch.url;
    }
    const { child, url, log } = await startServe(env);
    expect(log()).toContain('serving the API only');
    expect(log()).not.toContain('No follow worker');
    const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; database: string };
    expect(health).toEqual({ ok: true, database: kind });
    expect((await fetch(`${url}/api/stats`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    if (kind === 'pglite') expect(existsSync(path.join(dataDir, 'passerelle.lock'))).toBe(false);
  }, 90_000);
}
