// X blocks and mutes carried over to Mastodon through the engine (issue 14): the double's block
// and mute endpoints (docs.joinmastodon.org/methods/accounts/#block, #mute), each made once.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { followsMade, safetyActionsMade } from '../../src/metrics/registry.ts';
import { MastodonClient, MastodonHttpError } from '../../src/platforms/mastodon/api.ts';
import { describeEachDatabase } from '../support/databases.ts';
import type { DoubleAccount } from '../support/mastodon-double/server.ts';
import { link, linkedMastodonUser, mastodonEngine } from './mastodon-link.ts';

/** Tasks as the planner writes them (src/reconnect/tasks.ts planSafety): kind block or mute. */
async function plan(db: Database, userId: number, tasks: [kind: string, target: string][]) {
  await db.query(
    `INSERT INTO follow_tasks (user_id, platform, target, kind)
     SELECT $1, 'mastodon', t, k FROM unnest($2::text[], $3::text[]) AS u(t, k)
     ON CONFLICT (user_id, platform, target, kind) DO NOTHING`,
    [userId, tasks.map(([, target]) => target), tasks.map(([kind]) => kind)],
  );
}

/** What the process counted so far: follows made, and blocks and mutes made, on Mastodon. */
async function written() {
  const sum = (
    values: { value: number; labels: Record<string, string | number | undefined> }[],
    kind?: string,
  ) =>
    values
      .filter((v) => v.labels.platform === 'mastodon' && (kind === undefined || v.labels.kind === kind))
      .reduce((total, v) => total + v.value, 0);
  const safety = (await safetyActionsMade.get()).values;
  return {
    follows: sum((await followsMade.get()).values),
    blocks: sum(safety, 'block'),
    mutes: sum(safety, 'mute'),
  };
}

async function states(db: Database, userId: number) {
  const rows = await db.query<{ kind: string; target: string; state: string }>(
    `SELECT kind, target, state FROM follow_tasks WHERE user_id = $1 ORDER BY kind, target`,
    [userId],
  );
  return rows.map((r) => `${r.kind} ${r.target.split('@')[0]} ${r.state}`);
}

describeEachDatabase('X blocks and mutes carried over to Mastodon', (db) => {
  const lab = linkedMastodonUser(db);
  const engine = () => mastodonEngine(db(), lab.clock);
  const address = (a: DoubleAccount) => `${lab.double.acct(a)}@${new URL(lab.double.url).host}`;

  it('blocks and mutes through the engine, each once, beside the follows', async () => {
    const harasser = lab.double.addAccount(`harasser${lab.double.accounts.size}`);
    const noisy = lab.double.addAccount(`noisy${lab.double.accounts.size}`);
    const friend = lab.double.addAccount(`friend${lab.double.accounts.size}`);
    lab.double.followingOf(harasser.id).add(lab.me.id);
    await plan(db(), lab.userId, [
      ['block', address(harasser)],
      ['mute', address(noisy)],
      ['follow', address(friend)],
    ]);
    const counted = await written();
    await engine().drain();
    // The follows metric counts the one follow; the block and the mute are counted by kind apart.
    expect(await written()).toEqual({
      follows: counted.follows + 1,
      blocks: counted.blocks + 1,
      mutes: counted.mutes + 1,
    });
    expect(lab.double.blocks.get(lab.me.id)).toEqual(new Set([harasser.id]));
    expect(lab.double.mutes.get(lab.me.id)).toEqual(new Set([noisy.id]));
    expect(lab.double.followingOf(lab.me.id)).toEqual(new Set([friend.id]));
    // A block ends the blocked account's follow of the person, as on Mastodon.
    expect(lab.double.followingOf(harasser.id).has(lab.me.id)).toBe(false);
    expect(await states(db(), lab.userId)).toEqual([
      `block ${harasser.username} done`,
      `follow ${friend.username} done`,
      `mute ${noisy.username} done`,
    ]);
    // Planned again (a new archive, the consent given twice): nothing is sent again.
    const calls = { block: lab.double.blockCalls, mute: lab.double.muteCalls };
    await plan(db(), lab.userId, [
      ['block', address(harasser)],
      ['mute', address(noisy)],
    ]);
    await engine().drain();
    expect({ block: lab.double.blockCalls, mute: lab.double.muteCalls }).toEqual(calls);
  });

  it('an account already blocked there is not blocked again; a block removed later is not remade', async () => {
    const known = lab.double.addAccount(`known${lab.double.accounts.size}`);
    lab.double.blocks.set(lab.me.id, new Set([known.id]));
    const before = lab.double.blockCalls;
    await plan(db(), lab.userId, [['block', address(known)]]);
    await engine().drain();
    expect(lab.double.blockCalls).toBe(before);
    expect(await states(db(), lab.userId)).toEqual([`block ${known.username} already_following`]);
    // The person unblocks on Mastodon: the task stays, nothing plans the block again.
    lab.double.blocks.get(lab.me.id)?.delete(known.id);
    await plan(db(), lab.userId, [['block', address(known)]]);
    await engine().drain();
    expect(lab.double.blocks.get(lab.me.id)?.has(known.id)).toBe(false);
  });

  it('an app registered before blocks were asked is registered again, so a new link may block', async () => {
    const origin = new URL(lab.double.url).origin;
    // The scope set stored before block and mute carry-over existed.
    await db().query(`UPDATE mastodon_apps SET scopes = $2 WHERE instance = $1`, [
      origin,
      'read:accounts read:follows write:follows read:search',
    ]);
    const appsBefore = lab.double.apps.size;
    await link(db(), lab.double, lab.userId, lab.me);
    expect(lab.double.apps.size).toBe(appsBefore + 1);
    const [app] = await db().query<{ scopes: string }>(
      `SELECT scopes FROM mastodon_apps WHERE instance = $1`,
      [origin],
    );
    expect(app?.scopes).toContain('write:blocks');
    const harasser = lab.double.addAccount(`harasser${lab.double.accounts.size}`);
    await plan(db(), lab.userId, [['block', address(harasser)]]);
    await engine().drain();
    expect(lab.double.blocks.get(lab.me.id)?.has(harasser.id)).toBe(true);
    // Registered once: the next link reuses the app.
    await link(db(), lab.double, lab.userId, lab.me);
    expect(lab.double.apps.size).toBe(appsBefore + 1);
  });

  it('answers block and mute with the relationship, 404 for an unknown account, 403 without the scope', async () => {
    const target = lab.double.addAccount(`target${lab.double.accounts.size}`);
    const client = (scopes: string[]) =>
      new MastodonClient({
        origin: lab.double.url,
        accessToken: lab.double.issueToken(lab.me.id, scopes),
        fetch,
      });
    const granted = client(['read:accounts', 'write:blocks', 'write:mutes']);
    expect(await granted.block(target.id)).toMatchObject({ id: target.id, blocking: true, following: false });
    expect(await granted.mute(target.id)).toMatchObject({ id: target.id, muting: true });
    expect((await granted.relationships([target.id]))[0]).toMatchObject({ blocking: true, muting: true });
    // The broad `write` and the legacy `follow` scopes allow both too; `write:follows` alone does not.
    await expect(client(['follow']).block(target.id)).resolves.toMatchObject({ blocking: true });
    const refused = await client(['read', 'write:follows'])
      .mute(target.id)
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(MastodonHttpError);
    expect((refused as MastodonHttpError).status).toBe(403);
    const missing = await granted.block('999999999999').catch((err: unknown) => err);
    expect((missing as MastodonHttpError).status).toBe(404);
  });
});
