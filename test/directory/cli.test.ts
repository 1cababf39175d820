import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { activationCommand } from '../../src/cli/activation.ts';
import { directoryImportCommand } from '../../src/cli/directory.ts';
import { matchesCommand } from '../../src/cli/matches.ts';
import { reconnectCommand } from '../../src/cli/reconnect.ts';
import { statsCommand } from '../../src/cli/stats.ts';
import { statusCommand } from '../../src/cli/status.ts';
import { releaseActivationIfDue } from '../../src/directory/activation.ts';
import { setConsents } from '../../src/directory/consent.ts';
import { matchesForUser } from '../../src/directory/matching.ts';
import { directoryStats } from '../../src/directory/stats.ts';
import { capture } from '../support/cli-io.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { link, person, tasks } from './fixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'passerelle-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function csv(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

const DID_A = 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa';
const DID_B = 'did:plc:bbbbbbbbbbbbbbbbbbbbbbbb';

describeEachDatabase('operator CLI', (db) => {
  it('directory import: rejects bad rows one by one and writes nothing unless asked to skip them', async () => {
    const file = await csv(
      'mixed.csv',
      [
        'x_id,bluesky,mastodon,source',
        `901,${DID_A},,press list`,
        '902,,@Bob@Social.Example,"bio, 2026"',
        `903,alice.bsky.social,,bio`,
        '904,,,nothing',
        `9x5,${DID_B},,bio`,
        `901,${DID_B},,again`,
        '906,,bob@@x,bio',
        `907,${DID_B},,`,
        '908,,a@b.social',
      ].join('\n'),
    );
    const io = capture();
    const nobody = async () => null;
    expect(await directoryImportCommand(db(), file, { trusted: true }, io, nobody)).toBe(2);
    expect(io.stdout).toMatch(/7 of 9 rows rejected .* nothing imported/);
    expect(io.stderr.trim().split('\n')).toEqual([
      `${file}:4: bluesky handle "alice.bsky.social" does not resolve to an account`,
      `${file}:5: neither a Bluesky account nor a Mastodon address`,
      `${file}:6: x_id "9x5" is not an X account id (1 to 20 digits)`,
      `${file}:7: x_id 901 already appears on line 2`,
      `${file}:8: mastodon "bob@@x" is not an address like user@instance.social`,
      `${file}:9: source is empty: say where this mapping comes from`,
      `${file}:10: has 3 fields, the header has 4`,
    ]);
    expect(await db().query(`SELECT 1 FROM directory_entries WHERE source = 'import'`)).toEqual([]);

    const again = capture();
    expect(
      await directoryImportCommand(
        db(),
        file,
        { trusted: true, skipInvalid: true, json: true },
        again,
        nobody,
      ),
    ).toBe(2);
    expect(JSON.parse(again.stdout)).toMatchObject({
      rows: 9,
      accepted: 2,
      written: true,
      mappings: 2,
      trusted: true,
    });
    const rows = await db().query(
      `SELECT x_id, platform, target, source, source_detail, trusted, usable FROM directory_entries
        WHERE source = 'import' ORDER BY x_id`,
    );
    expect(rows).toEqual([
      {
        x_id: '901',
        platform: 'bluesky',
        target: DID_A,
        source: 'import',
        source_detail: 'press list',
        trusted: true,
        usable: true,
      },
      {
        x_id: '902',
        platform: 'mastodon',
        // One stored form, lowercase: Mastodon compares addresses without case.
        target: 'bob@social.example',
        source: 'import',
        source_detail: 'bio, 2026',
        trusted: true,
        usable: true,
      },
    ]);
  });

  it('directory import: untrusted mappings point nobody anywhere; trusted ones fan out; sign-ups win', async () => {
    const fan = await person(db(), '920', { following: ['921', '922'] });
    await setConsents(db(), fan.userId, { autoFollow: true });
    await link(db(), fan, 'bluesky');
    const owner = await person(db(), '922', { proven: true });
    const ownDid = await link(db(), owner, 'bluesky');
    const file = await csv(
      'trust.csv',
      `x_id,bluesky,mastodon,source\n921,${DID_B},,list\n922,${DID_A},,list\n`,
    );
    const io = capture();
    expect(await directoryImportCommand(db(), file, { untrusted: true }, io)).toBe(0);
    expect(io.stdout).toMatch(
      /2 of 2 rows imported as 1 untrusted mappings.\n1 mappings kept as their owners gave them/,
    );
    expect((await matchesForUser(db(), fan.userId)).map((m) => m.target)).toEqual([ownDid]);
    expect(await directoryImportCommand(db(), file, { trusted: true }, capture())).toBe(0);
    expect((await tasks(db(), fan.userId)).map((t) => t.target).sort()).toEqual([DID_B, ownDid].sort());
    await expect(directoryImportCommand(db(), path.join(dir, 'missing.csv'), {}, capture())).resolves.toBe(2);
    const noHeader = capture();
    expect(await directoryImportCommand(db(), await csv('h.csv', '1,2,3\n'), {}, noHeader)).toBe(2);
    expect(noHeader.stderr).toMatch(/must name the columns x_id,bluesky,mastodon,source/);
  });

  it('matches --x-id prints counts and entries per network, with reason and status', async () => {
    const star = await person(db(), '930', { proven: true });
    await link(db(), star, 'mastodon', 'star');
    const me = await person(db(), '931', { following: ['930'], proven: true });
    const io = capture();
    expect(await matchesCommand(db(), { xId: '931', json: true }, io)).toBe(0);
    const result = JSON.parse(io.stdout);
    expect(result).toMatchObject({ xId: '931', userId: me.userId, proven: true });
    expect(result.platforms.bluesky).toEqual({ count: 0, reasons: {}, statuses: {}, entries: [] });
    expect(result.platforms.mastodon).toEqual({
      count: 1,
      reasons: { followed: 1 },
      statuses: { proposed: 1 },
      entries: [
        {
          xId: '930',
          target: 'star@social.test',
          handle: 'star@social.test',
          reason: 'followed',
          status: 'proposed',
          bridged: false,
          source: 'signup',
        },
      ],
    });
    const text = capture();
    await matchesCommand(db(), { xId: '931' }, text);
    expect(text.stdout).toContain('mastodon: 1 matches (1 followed on X; 1 proposed)');
    const bad = capture();
    expect(await matchesCommand(db(), { xId: 'abc' }, bad)).toBe(2);
    expect(await matchesCommand(db(), { xId: '123456' }, bad)).toBe(2);
    expect(bad.stderr).toMatch(/not an X account id[\s\S]*no Passerelle user has X id 123456/);
  });

  it('stats counts users, proofs, archives, edges, matches and follows done', async () => {
    const io = capture();
    expect(await statsCommand(db(), { json: true }, io)).toBe(0);
    const before = JSON.parse(io.stdout);
    const a = await person(db(), '940', { proven: true });
    await link(db(), a, 'bluesky');
    const b = await person(db(), '941', { following: ['940', '5'] });
    await setConsents(db(), b.userId, { autoFollow: true });
    await link(db(), b, 'bluesky');
    await db().query(`UPDATE follow_tasks SET state = 'done' WHERE user_id = $1`, [b.userId]);
    const after = capture();
    await statsCommand(db(), { json: true }, after);
    const s = JSON.parse(after.stdout);
    expect(s.users - before.users).toBe(2);
    expect(s.provenUsers - before.provenUsers).toBe(1);
    expect(s.archives - before.archives).toBe(2);
    expect(s.edges - before.edges).toBe(2);
    expect(s.platforms.bluesky.matches - before.platforms.bluesky.matches).toBe(1);
    expect(s.platforms.bluesky.followsDone - before.platforms.bluesky.followsDone).toBe(1);
    // Public figures count only whoever said "count me in public statistics".
    await setConsents(db(), b.userId, { publicStats: true });
    const publicBefore = await directoryStats(db(), { publicOnly: true });
    await setConsents(db(), b.userId, { publicStats: false });
    const publicAfter = await directoryStats(db(), { publicOnly: true });
    expect(publicBefore.users - publicAfter.users).toBe(1);
    expect(publicBefore.platforms.bluesky?.followsDone).toBe(
      (publicAfter.platforms.bluesky?.followsDone ?? 0) + 1,
    );
    expect((await directoryStats(db())).users).toBe(s.users);
    const text = capture();
    await statsCommand(db(), {}, text);
    expect(text.stdout).toMatch(/^Users: +\d+\nProven \(X\): +\d+/);
  });

  it('activation set / show / clear, and a clear error for a bad date', async () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const io = capture();
    expect(await activationCommand(db(), 'set', '2026-12-01T09:00:00+01:00', io, now)).toBe(0);
    await activationCommand(db(), 'show', undefined, io, now);
    expect(io.stdout).toContain('Activation day 2026-12-01T08:00:00.000Z, in 30 days 8 h:');
    expect(await activationCommand(db(), 'set', 'tomorrow', io, now)).toBe(2);
    expect(io.stderr).toMatch(/"tomorrow" is not a date and time with a time zone/);
    await activationCommand(db(), 'clear', undefined, io, now);
    await activationCommand(db(), 'show', undefined, io, now);
    expect(io.stdout).toMatch(
      /Activation day 2026-12-01T08:00:00.000Z cleared; \d+ held follows released.\nNo activation day/,
    );
    const again = capture();
    await activationCommand(db(), 'clear', undefined, again, now);
    expect(again.stdout).toBe('No activation day was set; nothing changed.\n');
  });

  it('activation messages before, at and after the moment say what is true', async () => {
    const fan = await person(db(), '880', { following: ['881', '882'] });
    await link(db(), fan, 'bluesky');
    await setConsents(db(), fan.userId, { autoFollow: true });
    const at = '2027-01-20T17:00:00Z';
    const moment = new Date(at);
    const held = () =>
      db().query(`SELECT 1 FROM follow_tasks WHERE user_id = $1 AND state = 'held'`, [fan.userId]);

    // Before: the follows wait, and the operator is told how long and how many.
    const before = capture();
    await activationCommand(db(), 'set', at, before, new Date('2027-01-18T15:00:00Z'));
    for (const x of ['881', '882']) await link(db(), await person(db(), x, { proven: true }), 'bluesky');
    expect(await held()).toHaveLength(2);
    await activationCommand(db(), 'show', undefined, before, new Date('2027-01-18T15:00:00Z'));
    expect(before.stdout).toBe(
      'Activation day set to 2027-01-20T17:00:00.000Z. In 2 days 2 h. Until then, new follows wait (0 held now).\n' +
        'Activation day 2027-01-20T17:00:00.000Z, in 2 days 2 h: 2 follows held until then.\n',
    );
    // Status and matches name what held means here.
    const status = capture();
    await statusCommand(db(), {}, status);
    expect(status.stdout).toContain('Activation day: 2027-01-20T17:00:00.000Z, not yet released\n');
    expect(status.stdout).toMatch(
      /bluesky\s+held\s+\d+ \(activation day 2027-01-20T17:00:00.000Z releases them\)/,
    );
    const listed = capture();
    await matchesCommand(db(), { xId: '880' }, listed);
    expect(listed.stdout).toMatch(/p881\.test .* held until activation day 2027-01-20T17:00:00.000Z/);
    // The moment came and no worker ticked yet: show says so, it does not pretend.
    const late = capture();
    await activationCommand(db(), 'show', undefined, late, new Date('2027-01-20T17:00:30Z'));
    expect(late.stdout).toMatch(/has come but is not released yet: 2 follows held; the next tick/);

    // At the moment: setting it releases now.
    const at0 = capture();
    await activationCommand(db(), 'set', at, at0, moment);
    expect(at0.stdout).toBe(
      "Activation day set to 2027-01-20T17:00:00.000Z. That moment has come: releasing now, 2 held follows released within the platforms' budgets.\n",
    );
    expect(await held()).toHaveLength(0);

    // After: set again to a past time, show — already released, nothing waits.
    const after = capture();
    await activationCommand(db(), 'set', '2027-01-20T16:00:00Z', after, new Date('2027-01-21T08:00:00Z'));
    await activationCommand(db(), 'show', undefined, after, new Date('2027-01-21T08:00:00Z'));
    expect(after.stdout).toBe(
      'Activation day set to 2027-01-20T16:00:00.000Z. It was already released at 2027-01-20T17:00:00.000Z: nothing waits, follows start as soon as they are planned.\n' +
        'Activation day 2027-01-20T16:00:00.000Z, released at 2027-01-20T17:00:00.000Z: follows start as soon as they are planned.\n',
    );
    expect(after.stdout).not.toContain('Until then');
    await activationCommand(db(), 'clear', undefined, capture(), new Date('2027-01-21T08:00:00Z'));
  });

  it('reconnect in manual mode before activation day: held, promised, released at the moment', async () => {
    const fan = await person(db(), '890', { following: ['891'] });
    await link(db(), fan, 'bluesky');
    await link(db(), await person(db(), '891', { proven: true }), 'bluesky');
    const at = '2028-03-01T09:00:00Z';
    await activationCommand(db(), 'set', at, capture(), new Date('2028-02-01T00:00:00Z'));
    try {
      const out = capture();
      expect(await reconnectCommand(db(), { xId: '890' }, out)).toBe(0);
      expect(out.stdout).toContain('1 follows planned, held for activation day; automatic mode off');
      expect(out.stdout).toContain(
        'They start at 2028-03-01T09:00:00.000Z, when passerelle worker (or serve) releases them.',
      );
      expect(out.stdout).not.toMatch(/again|does not release/);
      const listed = capture();
      await matchesCommand(db(), { xId: '890' }, listed);
      expect(listed.stdout).toMatch(/p891\.test .* held until activation day 2028-03-01T09:00:00.000Z/);
      const shown = capture();
      await activationCommand(db(), 'show', undefined, shown, new Date('2028-02-01T00:00:00Z'));
      expect(shown.stdout).toContain(': 1 follows held until then.');
      expect(await releaseActivationIfDue(db(), new Date(at))).toBe(1);
      expect((await tasks(db(), fan.userId)).map((t) => t.state)).toEqual(['pending']);
    } finally {
      await activationCommand(db(), 'clear', undefined, capture(), new Date('2028-03-02T00:00:00Z'));
    }
  });
});
