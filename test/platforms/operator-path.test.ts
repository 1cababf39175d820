// Issue 9, "the operator's path", end to end with the command line alone against a real PDS:
// two archives imported, a directory file naming Bluesky handles (resolved to DIDs through the
// PDS), both accounts linked with app passwords, `passerelle reconnect --auto`, then
// `passerelle worker --until-idle`. They follow each other exactly once, nobody follows
// themself (the directory file also points one of Alice's X contacts at her own account), and a
// second worker run changes nothing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArchive, ownerFor } from '../../bench/gen/archive.ts';
import { openDatabase } from '../../src/db/index.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { followRecordCounts } from './bluesky-network.ts';
import { cliLabForFile, cliOn, directoryFile, linkWithAppPasswords } from './cli-on-pds.ts';

const lab = cliLabForFile('operator');

/** An archive list file with exactly these X ids. */
function listFile(kind: 'following' | 'follower', ids: string[]): string {
  const entries = ids.map(
    (id) =>
      `{ "${kind}" : { "accountId" : "${id}", "userLink" : "https://twitter.com/intent/user?user_id=${id}" } }`,
  );
  return `window.YTD.${kind}.part0 = [ ${entries.join(', ')} ]`;
}

describe('the operator path, command line only, on a real PDS', { timeout: 1_200_000 }, () => {
  for (const kind of testDatabaseKinds()) {
    it(`archives → directory → links → reconnect → worker: each follows the other once [${kind}]`, async () => {
      const { net, dir } = lab;
      const cli = await cliOn(lab, kind);
      const { passerelle } = cli;
      try {
        const alice = await net.createAccount('alice');
        const bob = await net.createAccount('bob');
        const seeds = kind === 'pglite' ? [301, 302] : [401, 402];
        const [aliceX, bobX] = seeds.map((s) => ownerFor(s).accountId) as [string, string];
        const mirrorX = '7000000001'; // an X contact of Alice's the file maps to her own account
        const archiveOf = (seed: number, following: string[], followers: string[]) =>
          generateArchive(path.join(dir, `archive-${seed}`), {
            seed,
            shape: 'files',
            manifest: false,
            overrides: {
              'data/following.js': listFile('following', following),
              'data/follower.js': listFile('follower', followers),
            },
          });
        const aliceArchive = await archiveOf(seeds[0] as number, [bobX, mirrorX], [bobX]);
        const bobArchive = await archiveOf(seeds[1] as number, [aliceX], [aliceX]);
        for (const archive of [aliceArchive, bobArchive]) {
          const imported = await passerelle('archive', 'import', ...archive.paths);
          expect(imported.code, imported.stderr).toBe(0);
        }

        // The directory file names handles; the import stores the DIDs the PDS resolves them to.
        const csv = await directoryFile(lab, `directory-${kind}.csv`, [
          `${aliceX},${alice.handle},,asked in person`,
          `${bobX},@${bob.handle},,asked in person`,
          `${mirrorX},${alice.did},,a mistaken list`,
          '7000000002,nobody-here.test,,a stale list',
        ]);
        const strict = await passerelle('directory', 'import', csv, '--trusted');
        expect(strict.code).toBe(2);
        expect(strict.stderr).toMatch(/:5: bluesky handle "nobody-here.test" does not resolve/);
        const imported = await passerelle(
          'directory',
          'import',
          csv,
          '--trusted',
          '--skip-invalid',
          '--json',
        );
        expect(JSON.parse(imported.stdout)).toMatchObject({ accepted: 3, mappings: 3, written: true });

        await linkWithAppPasswords(cli, lab, [
          [aliceX, alice],
          [bobX, bob],
        ]);
        // Not proven, yet others find them through the trusted directory: the CLI says so.
        const matches = await passerelle('matches', '--x-id', bobX);
        expect(matches.stdout).toMatch(/NOT proven, but others find them through the operator's directory/);

        const reconnect = await passerelle('reconnect', '--x-id', aliceX, '--auto');
        expect(reconnect.code, reconnect.stderr).toBe(0);
        expect(reconnect.stdout).toMatch(/automatic mode on, follow-back off \(given by the operator/);
        expect((await passerelle('reconnect', '--x-id', bobX, '--auto', '--json')).code).toBe(0);
        const bad = await passerelle('reconnect', '--x-id', 'bob');
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/not an X account id/);

        const worker = await passerelle('worker', '--until-idle');
        expect(worker.code, worker.stderr).toBe(0);
        const follows = async () => ({
          alice: Object.fromEntries(await followRecordCounts(net.url, alice.did)),
          bob: Object.fromEntries(await followRecordCounts(net.url, bob.did)),
        });
        const after = await follows();
        expect(after).toEqual({ alice: { [bob.did]: 1 }, bob: { [alice.did]: 1 } });

        const database = await openDatabase(cli.database);
        const snapshot = () =>
          database.query(
            `SELECT user_id, platform, target, state, attempts FROM follow_tasks ORDER BY user_id, target`,
          );
        let before: unknown[];
        try {
          before = await snapshot();
          expect(before.map((t) => (t as { state: string }).state)).toEqual(['done', 'done']);
          const history = await database.query(
            `SELECT consent, value, given_by FROM consent_history ORDER BY id`,
          );
          expect(history).toEqual([
            { consent: 'autoFollow', value: true, given_by: 'operator' },
            { consent: 'autoFollow', value: true, given_by: 'operator' },
          ]);
        } finally {
          await database.close();
        }

        const again = await passerelle('worker', '--until-idle');
        expect(again.code, again.stderr).toBe(0);
        expect(await follows()).toEqual(after);
        const reopened = await openDatabase(cli.database);
        try {
          expect(
            await reopened.query(
              `SELECT user_id, platform, target, state, attempts FROM follow_tasks ORDER BY user_id, target`,
            ),
          ).toEqual(before);
        } finally {
          await reopened.close();
        }
      } finally {
        await cli.drop();
      }
    });
  }
});
