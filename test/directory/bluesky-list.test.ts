// The Bluesky list of a user's matches, made on a real PDS (@atproto/dev-env).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { BlueskyListError, createBlueskyMatchList } from '../../src/directory/bluesky-list.ts';
import { dismissMatch } from '../../src/directory/matching.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { BlueskyAdapter, LIST_ITEM_COLLECTION } from '../../src/platforms/bluesky/adapter.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { type BlueskyNetwork, linkNewAccount, startBlueskyNetwork } from '../platforms/bluesky-network.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type Person, person } from './fixtures.ts';

const vault = ephemeralVault();
let net: BlueskyNetwork;
beforeAll(async () => {
  net = await startBlueskyNetwork();
}, 60_000);
afterAll(() => net?.close());

const linkReal = (db: Database, who: Person, name: string) =>
  linkNewAccount(net, db, vault, who.userId, name);

describeEachDatabase('Bluesky list of matches', (db, kind) => {
  it('lists every match not dismissed, once, on the user’s own account', async () => {
    const p = kind === 'pglite' ? '71' : '72';
    const alice = await person(db(), `${p}01`, { following: [`${p}02`, `${p}03`, `${p}04`], proven: true });
    const bob = await person(db(), `${p}02`, { proven: true });
    const carol = await person(db(), `${p}03`, { proven: true });
    const dan = await person(db(), `${p}04`, { proven: true });
    const aliceAccount = await linkReal(db(), alice, `alice${p}`);
    const bobAccount = await linkReal(db(), bob, `bob${p}`);
    const carolAccount = await linkReal(db(), carol, `carol${p}`);
    const danAccount = await linkReal(db(), dan, `dan${p}`);
    await dismissMatch(db(), alice.userId, 'bluesky', danAccount.did);

    const list = await createBlueskyMatchList(
      db(),
      vault,
      new BlueskyAdapter({ policy: DEVELOPMENT_POLICY }),
      alice.userId,
      {
        name: 'From X',
      },
    );
    expect(list.members).toBe(2);
    const items = await aliceAccount.agent.com.atproto.repo.listRecords({
      repo: aliceAccount.did,
      collection: LIST_ITEM_COLLECTION,
    });
    const subjects = items.data.records
      .map((r) => (r.value as { subject: string; list: string }).subject)
      .sort();
    expect(subjects).toEqual([bobAccount.did, carolAccount.did].sort());
    expect(items.data.records.every((r) => (r.value as { list: string }).list === list.uri)).toBe(true);
  });

  it('says what to do when Bluesky is not linked or nobody is there yet', async () => {
    const p = kind === 'pglite' ? '73' : '74';
    const loner = await person(db(), `${p}01`, { following: [`${p}99`], proven: true });
    await expect(
      createBlueskyMatchList(db(), vault, new BlueskyAdapter({ policy: DEVELOPMENT_POLICY }), loner.userId),
    ).rejects.toMatchObject({
      code: 'NOT_LINKED',
    });
    await linkReal(db(), loner, `loner${p}`);
    const attempt = createBlueskyMatchList(
      db(),
      vault,
      new BlueskyAdapter({ policy: DEVELOPMENT_POLICY }),
      loner.userId,
    );
    await expect(attempt).rejects.toBeInstanceOf(BlueskyListError);
    await expect(attempt).rejects.toMatchObject({ code: 'NO_MATCHES' });
  });
});
