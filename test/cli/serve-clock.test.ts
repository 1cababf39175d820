// `passerelle serve` on a fresh data folder makes its vault key and runs the directory's clock
// in its worker: activation day, once due, is released by the first tick, and SIGTERM waits for
// a tick in progress before closing the database (PGlite in DATA_DIR, as `npm start` uses it).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseConfigFromEnv } from '../../src/db/config.ts';
import { openDatabase } from '../../src/db/index.ts';
import { getActivation, setActivation } from '../../src/directory/activation.ts';
import { setConsents } from '../../src/directory/consent.ts';
import { link, person, tasks } from '../directory/fixtures.ts';
import { freePort, startServeProcess } from '../support/serve-process.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-clock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('serve releases activation day on its first tick and stops cleanly', async () => {
  const config = databaseConfigFromEnv({ DATA_DIR: dir });
  let database = await openDatabase(config);
  await setActivation(database, new Date(Date.now() + 3600_000));
  const fan = await person(database, '901', { following: ['902'] });
  await setConsents(database, fan.userId, { autoFollow: true });
  await link(database, fan, 'bluesky');
  await link(database, await person(database, '902', { proven: true }), 'bluesky');
  expect((await tasks(database, fan.userId)).map((t) => t.state)).toEqual(['held']);
  // The day comes while nothing is running.
  await setActivation(database, new Date(Date.now() - 1000));
  await database.close();

  const serve = await startServeProcess(await freePort(), { DATA_DIR: dir });
  expect(await serve.stop(), serve.log()).toBe(0);
  // Embedded mode made its own vault key, so linking and the follow worker are on.
  expect(serve.log()).toContain(`Created the token vault key ${path.join(dir, 'vault-keys')}`);
  expect(serve.log()).not.toMatch(/Follows are not made|Linking accounts is off/);

  database = await openDatabase(config);
  try {
    expect((await tasks(database, fan.userId)).map((t) => t.state)).toEqual(['pending']);
    expect((await getActivation(database))?.releasedAt).toBeInstanceOf(Date);
  } finally {
    await database.close();
  }
}, 60_000);
