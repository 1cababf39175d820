// `passerelle community create` and `show`: bad CSVs get a row report and create nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { communityCreateCommand, communityShowCommand } from '../../src/cli/community.ts';
import { joinCommunity } from '../../src/communities/store.ts';
import { link, person } from '../directory/fixtures.ts';
import { capture } from '../support/cli-io.ts';
import { describeEachDatabase } from '../support/databases.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'passerelle-community-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function csv(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

describeEachDatabase('passerelle community', (db, kind) => {
  const p = kind === 'pglite' ? '61' : '62';

  it('refuses a bad CSV with a row report and creates nothing', async () => {
    const file = await csv(`bad-${p}.csv`, `x_id\n${p}01\n1e5\n\n${p}01\n`);
    const io = capture();
    expect(await communityCreateCommand(db(), `bad-${p}`, { name: 'Bad', members: file }, io)).toBe(2);
    expect(io.stderr).toContain(`${file}:3: x_id "1e5" is not an X account id (1 to 20 digits)`);
    expect(io.stderr).toContain(`${file}:5: x_id ${p}01 already appears on line 2`);
    expect(io.stderr).toContain('nothing created');
    const show = capture();
    expect(await communityShowCommand(db(), `bad-${p}`, { json: true }, show)).toBe(2);
    expect(show.stderr).toContain(`No community "bad-${p}"`);
    const missing = capture();
    expect(
      await communityCreateCommand(db(), `bad-${p}`, { name: 'Bad', members: `${file}.nope` }, missing),
    ).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
    const noColumn = capture();
    const headerless = await csv(`headerless-${p}.csv`, `id\n${p}01\n`);
    expect(
      await communityCreateCommand(db(), `bad-${p}`, { name: 'Bad', members: headerless }, noColumn),
    ).toBe(2);
    expect(noColumn.stderr).toContain('one called x_id');
  });

  it('creates a community from a CSV, then shows its counts as JSON', async () => {
    const ann = await person(db(), `${p}11`, { proven: true });
    await link(db(), ann, 'bluesky');
    await db().query(`INSERT INTO pledges (user_id, kind, percent) VALUES ($1, 'percent', 50)`, [ann.userId]);
    const file = await csv(`good-${p}.csv`, `x_id,name\n${p}11,Ann\n${p}12,Ben\n"${p}13",Cat\n`);
    const io = capture();
    expect(
      await communityCreateCommand(db(), `lab-${p}`, { name: 'The Lab', members: file, json: true }, io, {
        PUBLIC_URL: 'https://passerelle.example',
      }),
    ).toBe(0);
    const created = JSON.parse(io.stdout) as { invite: string; members: { invited: number } };
    expect(created.members.invited).toBe(3);
    expect(created.invite).toMatch(new RegExp(`^https://passerelle\\.example/communities/lab-${p}/join#`));
    await joinCommunity(db(), `lab-${p}`, ann.userId, {});
    const show = capture();
    expect(await communityShowCommand(db(), `lab-${p}`, { json: true }, show)).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual({
      slug: `lab-${p}`,
      name: 'The Lab',
      members: 3,
      joined: 1,
      onBluesky: 1,
      onMastodon: 0,
      pledged: 1,
    });
    const again = capture();
    expect(await communityCreateCommand(db(), `lab-${p}`, { name: 'Again' }, again)).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});
