// serve killed (SIGKILL) at random moments while people upload archives and change consents;
// after each restart, every write the server had acknowledged is there. On both databases.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.ts';
import { type AcknowledgedUser, expectAcknowledged, personWrites } from '../support/acknowledged-writes.ts';
import { createScratchPostgres, testDatabaseKinds } from '../support/databases.ts';
import { freePort, type ServeProcess, startServeProcess } from '../support/serve-process.ts';

const KILLS = 8;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** People write in parallel until the process dies under them. */
async function writeUntilKilled(serve: ServeProcess, acked: Map<number, AcknowledgedUser>): Promise<void> {
  const ack = (u: AcknowledgedUser) => acked.set(u.userId, { ...u });
  const person = async () => {
    while (serve.isRunning()) await personWrites(serve.url, ack).catch(() => {});
  };
  await Promise.all([person(), person(), person()]);
}

for (const kind of testDatabaseKinds()) {
  describe(`crash loop [${kind}]`, () => {
    it(`keeps every acknowledged write through ${KILLS} SIGKILLs`, async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'passerelle-crash-'));
      cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = { DATA_DIR: dataDir, UI_DIR: '/nonexistent', TRUST_PROXY: '1' };
      if (kind === 'postgres') {
        const scratch = await createScratchPostgres();
        cleanups.push(() => scratch.drop());
        env.DATABASE_URL = scratch.url;
      }
      const acked = new Map<number, AcknowledgedUser>();
      for (let round = 0; round < KILLS; round += 1) {
        const serve = await startServeProcess(await freePort(), env, 240_000, ['--no-worker']);
        const before = acked.size;
        const writing = writeUntilKilled(serve, acked);
        // A random moment: after a random number of acknowledged steps, mid-request or not.
        const target = before + 1 + Math.floor(Math.random() * 6);
        // Bounded: a round whose writes stall is killed anyway (and then finds fewer to check).
        for (let waited = 0; acked.size < target && serve.isRunning() && waited < 3_000; waited += 1)
          await new Promise((r) => setTimeout(r, 20));
        serve.kill('SIGKILL');
        await serve.exited;
        await writing;
        // The restart: the database opens (recovering from the kill) with everything acknowledged.
        const database = await openDatabase(
          kind === 'postgres' ? { kind, url: env.DATABASE_URL as string } : { kind, dataDir },
        );
        try {
          await expectAcknowledged(database, acked.values());
        } finally {
          await database.close();
        }
      }
      expect(acked.size).toBeGreaterThan(KILLS);
    }, 1_800_000);
  });
}
