// The communities API: who may see and do what, the invite link as a POST with its token, the
// organisers' CSV with its row report, and each member's choices planned as follow tasks.
import { expect, it } from 'vitest';
import { recordXProof } from '../../src/identity/proof.ts';
import { createApp } from '../../src/web/app.ts';
import { link, person } from '../directory/fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { TestBrowser } from '../web/client.ts';

describeEachDatabase('Communities API', (db, kind) => {
  const p = kind === 'pglite' ? '91' : '92';
  const app = () => createApp({ database: db(), config: { cookieSecure: false } });

  /** A signed-in browser whose user proved the X id `xId`. */
  async function provenBrowser(xId: string): Promise<{ browser: TestBrowser; userId: number }> {
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    await recordXProof(db(), { id: xId, username: `u${xId}`, name: `User ${xId}` }, userId);
    return { browser, userId };
  }

  it('an organiser creates a community, invites by CSV and by link; members join with a POST', async () => {
    const { browser: org } = await provenBrowser(`${p}001`);
    const created = await org.request('POST', '/api/communities', {
      body: { slug: `news-${p}`, name: 'Newsroom' },
    });
    expect(created.status).toBe(201);
    const { invitePath } = (await created.json()) as { invitePath: string };
    expect(invitePath).toMatch(new RegExp(`^/communities/news-${p}/join#[A-Za-z0-9_-]{32}$`));
    const token = invitePath.split('#')[1] as string;

    // A bad CSV: nothing written, every bad row reported with its line.
    const bad = await org.request('POST', `/api/communities/news-${p}/members`, {
      body: { csv: `x_id,note\n${p}002,ok\nabc,oops\n${p}002,again\n${p}003\n` },
    });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({
      rows: 4,
      accepted: 1,
      rejected: [
        { line: 3, code: 'X_ID_INVALID', reason: 'x_id "abc" is not an X account id (1 to 20 digits)' },
        { line: 4, code: 'X_ID_REPEATED', firstLine: 2, reason: `x_id ${p}002 already appears on line 2` },
        { line: 5, code: 'FIELD_COUNT', fields: 1, columns: 2, reason: 'has 1 fields, the header has 2' },
      ],
      written: false,
      invited: 0,
      alreadyMembers: 0,
    });
    const noHeader = await org.request('POST', `/api/communities/news-${p}/members`, {
      body: { csv: `${p}002\n` },
    });
    expect(noHeader.status).toBe(400);
    expect(((await noHeader.json()) as { error: { code: string } }).error.code).toBe('COMMUNITY_MEMBERS_CSV');
    const good = await org.request('POST', `/api/communities/news-${p}/members`, {
      body: { csv: `x_id\n${p}002\n${p}003\n` },
    });
    expect(((await good.json()) as { invited: number }).invited).toBe(2);

    // Public page: counts only; invited people are counted, never shown.
    const anonymous = new TestBrowser(app());
    const page = (await (await anonymous.request('GET', `/api/communities/news-${p}`)).json()) as {
      counts: Record<string, number>;
      me: unknown;
    };
    expect(page.counts).toEqual({ members: 3, joined: 1, onBluesky: 0, onMastodon: 0, pledged: 0 });
    expect(page.me).toBeNull();
    expect((await anonymous.request('GET', `/api/communities/news-${p}/members`)).status).toBe(401);

    // An invited member says yes without the token; a stranger needs it.
    const { browser: invited } = await provenBrowser(`${p}002`);
    expect((await invited.request('GET', `/api/communities/news-${p}/members`)).status).toBe(403);
    const yes = await invited.request('POST', `/api/communities/news-${p}/join`, { body: { listed: true } });
    expect(yes.status).toBe(200);
    expect(((await yes.json()) as { me: { state: string } }).me.state).toBe('joined');
    const { browser: stranger } = await provenBrowser(`${p}004`);
    const wrong = await stranger.request('POST', `/api/communities/news-${p}/join`, {
      body: { token: 'nope' },
    });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('COMMUNITY_INVITE_INVALID');
    expect(
      (await stranger.request('POST', `/api/communities/news-${p}/join`, { body: { token, listed: false } }))
        .status,
    ).toBe(200);

    // Members see only those who agreed to be listed.
    const members = (await (await stranger.request('GET', `/api/communities/news-${p}/members`)).json()) as {
      members: { xId: string }[];
    };
    expect(members.members.map((m) => m.xId)).toEqual([`${p}002`]);
    // Not an organiser: no CSV, no new link.
    expect((await stranger.request('POST', `/api/communities/news-${p}/invite`)).status).toBe(403);
    // A new link: the old token stops working.
    const rotated = (await (await org.request('POST', `/api/communities/news-${p}/invite`)).json()) as {
      invitePath: string;
    };
    expect(rotated.invitePath).not.toBe(invitePath);
    const { browser: late } = await provenBrowser(`${p}005`);
    expect((await late.request('POST', `/api/communities/news-${p}/join`, { body: { token } })).status).toBe(
      403,
    );
  });

  it('only organisers send a members file: bounded, with the CSRF token; skipInvalid keeps the valid rows', async () => {
    const { browser: org } = await provenBrowser(`${p}301`);
    const created = await org.request('POST', '/api/communities', {
      body: { slug: `csv-${p}`, name: 'Csv' },
    });
    const token = ((await created.json()) as { invitePath: string }).invitePath.split('#')[1] as string;
    const { browser: member } = await provenBrowser(`${p}302`);
    await member.request('POST', `/api/communities/csv-${p}/join`, { body: { token } });
    const { browser: outsider } = await provenBrowser(`${p}303`);
    const members = `/api/communities/csv-${p}/members`;
    const csv = `x_id\n${p}304\nnot-an-id\n${p}302\n`;
    for (const who of [member, outsider]) {
      const refused = await who.request('POST', members, { body: { csv, skipInvalid: true } });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'COMMUNITY_NOT_ORGANISER',
      );
    }
    const guest = new TestBrowser(app());
    await guest.session(); // a CSRF token, no user
    expect((await guest.request('POST', members, { body: { csv } })).status).toBe(401);
    expect((await org.request('POST', members, { body: { csv }, csrf: false })).status).toBe(403);
    const huge = `x_id\n${'1'.repeat(15_000)}\n`; // within the body limit, past the file's
    expect((await org.request('POST', members, { body: { csv: huge } })).status).toBe(400);
    const count = async () =>
      (
        await db().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM community_members m JOIN communities c ON c.id = m.community_id WHERE c.slug = $1`,
          [`csv-${p}`],
        )
      )[0]?.n;
    expect(await count()).toBe(2); // the organiser and the member: nothing from the refused calls

    const skipped = await org.request('POST', members, { body: { csv, skipInvalid: true } });
    expect(await skipped.json()).toMatchObject({
      rows: 3,
      accepted: 2,
      rejected: [{ line: 3, code: 'X_ID_INVALID' }],
      written: true,
      invited: 1,
      alreadyMembers: 1,
    });
    expect(await count()).toBe(3);
  });

  it('joining needs a session, the CSRF token and a proven X account; no GET joins', async () => {
    const { browser: org } = await provenBrowser(`${p}101`);
    const created = await org.request('POST', '/api/communities', {
      body: { slug: `lab-${p}`, name: 'Lab' },
    });
    const token = ((await created.json()) as { invitePath: string }).invitePath.split('#')[1] as string;
    const guest = new TestBrowser(app());
    await guest.session(); // a CSRF token, no user yet
    expect((await guest.request('POST', `/api/communities/lab-${p}/join`, { body: { token } })).status).toBe(
      401,
    );
    await guest.signIn();
    const unproven = await guest.request('POST', `/api/communities/lab-${p}/join`, { body: { token } });
    expect(unproven.status).toBe(403);
    expect(((await unproven.json()) as { error: { code: string } }).error.code).toBe('X_PROOF_REQUIRED');
    const { browser: member } = await provenBrowser(`${p}102`);
    const noCsrf = await member.request('POST', `/api/communities/lab-${p}/join`, {
      body: { token },
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
    expect((await member.request('GET', `/api/communities/lab-${p}/join`)).status).toBe(404);
    const [row] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM community_members m JOIN communities c ON c.id = m.community_id WHERE c.slug = $1`,
      [`lab-${p}`],
    );
    expect(row?.n).toBe(1); // the organiser only
    expect(
      (await org.request('POST', '/api/communities', { body: { slug: `lab-${p}`, name: 'Again' } })).status,
    ).toBe(409);
    expect(
      (await org.request('POST', '/api/communities', { body: { slug: 'Bad Slug', name: 'x' } })).status,
    ).toBe(400);
    expect(
      (await guest.request('POST', '/api/communities', { body: { slug: `g-${p}`, name: 'G' } })).status,
    ).toBe(403);
  });

  it('"follow all members" plans a follow of every member found on my networks, and of each who arrives', async () => {
    const org = await person(db(), `${p}201`, { proven: true });
    const ann = await person(db(), `${p}202`, { proven: true });
    const ben = await person(db(), `${p}203`, { proven: true });
    await link(db(), ann, 'bluesky');
    await link(db(), ben, 'bluesky');
    await link(db(), org, 'bluesky');
    const { createCommunity, joinCommunity, setPreferences } = await import('../../src/communities/store.ts');
    const c = await createCommunity(db(), { slug: `all-${p}`, name: 'All', organiserUserId: org.userId });
    await joinCommunity(db(), c.slug, ann.userId, { token: c.inviteToken });
    const saved = await setPreferences(db(), c.slug, org.userId, { followAll: true });
    expect(saved.planned).toBe(1);
    await joinCommunity(db(), c.slug, ben.userId, { token: c.inviteToken });
    const tasks = await db().query<{ target: string; reason: string }>(
      `SELECT target, reason FROM follow_tasks WHERE user_id = $1 ORDER BY target`,
      [org.userId],
    );
    expect(tasks).toEqual([
      { target: `did:plc:p${p}202`, reason: 'community' },
      { target: `did:plc:p${p}203`, reason: 'community' },
    ]);
  });
});
