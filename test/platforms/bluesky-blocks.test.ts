// Issue 14 on a real PDS, command line only: Alice blocked Bob on X; Bob's archive says he
// followed her. With `passerelle reconnect --blocks` for Alice and `--auto` for Bob, the worker
// writes exactly one app.bsky.graph.block record of Bob in Alice's repository and no follow of
// Alice by Bob; a second run changes nothing, and a block Alice removes is never made again.
// (Mutes go to Bluesky's AppView, which this PDS lacks: it answers 502 to muteActor, so they are
// tested against the engine's contract only, not here.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArchive, ownerFor } from '../../bench/gen/archive.ts';
import { listFileText } from '../../bench/gen/content.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { followRecordCounts } from './bluesky-network.ts';
import { cliLabForFile, cliOn, directoryFile, linkWithAppPasswords } from './cli-on-pds.ts';

const BLOCK = 'app.bsky.graph.block';
const lab = cliLabForFile('blocks');

describe('X blocks carried over to a real PDS, and the person blocked kept away', {
  timeout: 1_200_000,
}, () => {
  for (const kind of testDatabaseKinds()) {
    it(`one block record, no follow of the blocker, never remade [${kind}]`, async () => {
      const { net, dir } = lab;
      const cli = await cliOn(lab, kind);
      const { passerelle } = cli;
      try {
        const alice = await net.createAccount('alice');
        const bob = await net.createAccount('bob');
        const seeds = kind === 'pglite' ? [501, 502] : [601, 602];
        const [aliceX, bobX] = seeds.map((s) => ownerFor(s).accountId) as [string, string];
        const style = { layout: 'compact' as const };
        const archiveOf = (
          seed: number,
          lists: { following: string[]; followers: string[]; blocks: string[] },
        ) =>
          generateArchive(path.join(dir, `archive-${seed}`), {
            seed,
            shape: 'files',
            manifest: false,
            overrides: {
              'data/following.js': listFileText('following', 0, lists.following, style),
              'data/follower.js': listFileText('follower', 0, lists.followers, style),
              'data/block.js': listFileText('block', 0, lists.blocks, style),
            },
          });
        const aliceArchive = await archiveOf(seeds[0] as number, {
          following: [],
          followers: [bobX],
          blocks: [bobX],
        });
        const bobArchive = await archiveOf(seeds[1] as number, {
          following: [aliceX],
          followers: [],
          blocks: [],
        });
        for (const archive of [aliceArchive, bobArchive]) {
          const imported = await passerelle('archive', 'import', ...archive.paths);
          expect(imported.code, imported.stderr).toBe(0);
        }
        const csv = await directoryFile(lab, `directory-${kind}.csv`, [
          `${aliceX},${alice.handle},,asked`,
          `${bobX},${bob.handle},,asked`,
        ]);
        expect((await passerelle('directory', 'import', csv, '--trusted')).code).toBe(0);
        await linkWithAppPasswords(cli, lab, [
          [aliceX, alice],
          [bobX, bob],
        ]);
        // Bob asks for everything he followed on X: Alice is not among it, nor named anywhere.
        const bobReconnect = await passerelle('reconnect', '--x-id', bobX, '--auto', '--follow-back');
        expect(bobReconnect.code, bobReconnect.stderr).toBe(0);
        expect(bobReconnect.stdout).toMatch(/: 0 follows queued/);
        const bobMatches = await passerelle('matches', '--x-id', bobX, '--json');
        expect(bobMatches.stdout).not.toContain(alice.did);
        expect(bobMatches.stdout).not.toContain(alice.handle);
        const aliceReconnect = await passerelle('reconnect', '--x-id', aliceX, '--blocks');
        expect(aliceReconnect.code, aliceReconnect.stderr).toBe(0);
        expect(aliceReconnect.stdout).toMatch(/carried over: 1 blocks and 0 mutes planned or made/);

        const worker = await passerelle('worker', '--until-idle');
        expect(worker.code, worker.stderr).toBe(0);
        const records = async () => ({
          aliceBlocks: Object.fromEntries(await followRecordCounts(net.url, alice.did, BLOCK)),
          aliceFollows: Object.fromEntries(await followRecordCounts(net.url, alice.did)),
          bobFollows: Object.fromEntries(await followRecordCounts(net.url, bob.did)),
        });
        expect(await records()).toEqual({ aliceBlocks: { [bob.did]: 1 }, aliceFollows: {}, bobFollows: {} });

        // Again: nothing new. Alice unblocks Bob on Bluesky: the block is never made again.
        expect((await passerelle('worker', '--until-idle')).code).toBe(0);
        expect((await records()).aliceBlocks).toEqual({ [bob.did]: 1 });
        const listed = await alice.agent.com.atproto.repo.listRecords({ repo: alice.did, collection: BLOCK });
        for (const r of listed.data.records) {
          await alice.agent.com.atproto.repo.deleteRecord({
            repo: alice.did,
            collection: BLOCK,
            rkey: r.uri.split('/').pop() ?? '',
          });
        }
        expect((await passerelle('reconnect', '--x-id', aliceX, '--blocks')).code).toBe(0);
        expect((await passerelle('archive', 'import', ...aliceArchive.paths)).code).toBe(0);
        expect((await passerelle('worker', '--until-idle')).code).toBe(0);
        expect(await records()).toEqual({ aliceBlocks: {}, aliceFollows: {}, bobFollows: {} });
      } finally {
        await cli.drop();
      }
    });
  }
});
