// An archive sent in parts (/api/archive/uploads): small parts here, so a few thousand ids take
// several. It stores exactly the ids sent (duplicates across parts once), nothing shows before
// the finish, and every refusal leaves the previous archive as it was.
import { expect, it } from 'vitest';
import { webHousekeeping } from '../../src/web/housekeeping.ts';
import { createSession } from '../../src/web/sessions.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';
import {
  appFor,
  edges,
  errorCode,
  finish,
  ids,
  PART_IDS,
  sendAll,
  sendPart,
  sorted,
  start,
  startBody,
  twoUsers,
} from './parts-upload.ts';

describeEachDatabase('archive sent in parts', (db) => {
  it('stores exactly the ids of every part, duplicates once; the old archive shows until the finish', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    expect(
      (await browser.request('POST', '/api/archive', { body: archiveBody('8100', ['1', '2'], ['3']) }))
        .status,
    ).toBe(200);
    const following = ids(1700, 10_000);
    // The second part of followers repeats ids of the first and of following's.
    const followers = [...ids(500, 50_000), ...ids(300, 50_000), ...ids(200, 10_000)];
    const lists = { following, followers, blocking: ids(3, 70_000), muting: [] };
    const id = await start(browser, '8100', lists);
    await sendAll(browser, id, lists);
    expect(await edges(db(), userId)).toEqual({ 1: ['1', '2'], 2: ['3'] });

    const res = await finish(browser, id);
    expect(res.status).toBe(200);
    const { archive } = (await res.json()) as { archive: Record<string, unknown> };
    expect(archive).toMatchObject({ xAccountId: '8100', following: 1700, followers: 500 + 200 });
    expect(await edges(db(), userId)).toEqual({
      1: sorted(following),
      2: sorted(followers),
      3: sorted(lists.blocking),
    });
    const job = (await (await browser.request('GET', '/api/archive/import')).json()) as { job: unknown };
    expect(job.job).toMatchObject({ state: 'stored' });
    // A finish sent again (its answer lost) answers the stored archive, and changes nothing.
    const again = await finish(browser, id);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { archive: unknown }).archive).toMatchObject({ following: 1700 });
  });

  it('takes a retried part once, and refuses other ids, extra parts and wrong sizes', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const lists = { following: ids(700, 1000), followers: ids(10, 9000) };
    const id = await start(browser, '8200', lists);
    const first = lists.following.slice(0, PART_IDS);
    expect((await sendPart(browser, id, 'following', 0, first)).status).toBe(200);
    expect((await sendPart(browser, id, 'following', 0, first)).status).toBe(200);
    const other = await sendPart(browser, id, 'following', 0, ids(PART_IDS, 5_000_000));
    expect([other.status, await errorCode(other)]).toEqual([409, 'PART_CONFLICT']);
    const extra = await sendPart(browser, id, 'following', 2, ids(1, 1));
    expect([extra.status, await errorCode(extra)]).toEqual([400, 'PART_OUT_OF_RANGE']);
    const none = await sendPart(browser, id, 'muting', 0, ids(1, 1));
    expect([none.status, await errorCode(none)]).toEqual([400, 'PART_OUT_OF_RANGE']);
    const short = await sendPart(browser, id, 'following', 1, ids(199, 1));
    expect([short.status, await errorCode(short)]).toEqual([400, 'PART_SIZE_MISMATCH']);
    const bad = await sendPart(browser, id, 'followers', 0, [...ids(9, 1), 'abc']);
    expect([bad.status, await errorCode(bad)]).toEqual([400, 'INVALID_REQUEST']);
    await sendAll(browser, id, { following: [], followers: lists.followers });
    expect((await sendPart(browser, id, 'following', 1, lists.following.slice(PART_IDS))).status).toBe(200);
    expect((await finish(browser, id)).status).toBe(200);
    expect(await edges(db(), userId)).toEqual({ 1: sorted(lists.following), 2: sorted(lists.followers) });
  });

  it('refuses a finish with a part missing, and shows nothing of the upload', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    expect(
      (await browser.request('POST', '/api/archive', { body: archiveBody('8300', ['5'], []) })).status,
    ).toBe(200);
    const lists = { following: ids(1200, 1000), followers: ids(20, 9000) };
    const id = await start(browser, '8300', lists);
    await sendAll(browser, id, lists, 'following/1');
    const res = await finish(browser, id);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: 'UPLOAD_INCOMPLETE', params: { list: 'following', missing: 1 } },
    });
    expect(await edges(db(), userId)).toEqual({ 1: ['5'] });
  });

  it('refuses parts and finishes from another user or another session of the same user', async () => {
    const app = appFor(db());
    const { alice, aliceId, bob } = await twoUsers(app);
    const lists = { following: ids(10, 1000), followers: [] };
    const id = await start(alice, '8400', lists);
    const fromBob = await sendPart(bob, id, 'following', 0, lists.following);
    expect([fromBob.status, await errorCode(fromBob)]).toEqual([404, 'UPLOAD_NOT_FOUND']);
    expect((await finish(bob, id)).status).toBe(404);

    const otherDevice = new TestBrowser(app);
    await otherDevice.session();
    const { token } = await createSession(db(), aliceId, 3600);
    otherDevice.cookies.set('__Host-passerelle_session', token);
    expect((await sendPart(otherDevice, id, 'following', 0, lists.following)).status).toBe(404);
    expect((await finish(otherDevice, id)).status).toBe(404);
  });

  it('refuses writes without the CSRF token or from a foreign origin', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const lists = { following: ids(10, 1000), followers: [] };
    const noToken = await browser.request('POST', '/api/archive/uploads', {
      body: startBody('8500', lists),
      csrf: false,
    });
    expect(noToken.status).toBe(403);
    const id = await start(browser, '8500', lists);
    const part = `/api/archive/uploads/${id}/following/0`;
    expect((await browser.request('PUT', part, { body: { ids: lists.following }, csrf: false })).status).toBe(
      403,
    );
    const foreign = { origin: 'https://evil.example' };
    expect(
      (await browser.request('PUT', part, { body: { ids: lists.following }, headers: foreign })).status,
    ).toBe(403);
    await sendAll(browser, id, lists);
    const finishForeign = await browser.request('POST', `/api/archive/uploads/${id}/finish`, {
      headers: foreign,
    });
    expect(finishForeign.status).toBe(403);
    expect(await edges(db(), userId)).toEqual({});
  });

  it('answers 413 to a part over its byte limit', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    await browser.signIn();
    const id = await start(browser, '8600', { following: ids(10, 1000), followers: [] });
    const res = await sendPart(browser, id, 'following', 0, ['1'.repeat(17 * 1024)]);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'PART_TOO_LARGE', params: { maxBytes: 16 * 1024 } },
    });
  });

  it('expires an upload left without parts: its staged rows and records are deleted', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    await browser.signIn();
    const lists = { following: ids(800, 1000), followers: [] };
    const id = await start(browser, '8700', lists);
    await sendAll(browser, id, lists, 'following/1');
    const staged = () =>
      db().query<{ n: number }>('SELECT count(*)::int AS n FROM x_edge_rows WHERE edge_set = $1', [id]);
    expect((await staged())[0]?.n).toBe(PART_IDS);
    await db().query(
      `UPDATE archive_import_jobs SET updated_at = now() - interval '16 minutes' WHERE id = $1`,
      [id],
    );
    await webHousekeeping(db());
    expect((await staged())[0]?.n).toBe(0);
    const left = await db().query('SELECT 1 FROM archive_uploads WHERE job_id = $1', [id]);
    expect(left).toHaveLength(0);
    expect((await sendPart(browser, id, 'following', 1, lists.following.slice(PART_IDS))).status).toBe(404);
    expect((await finish(browser, id)).status).toBe(404);
  });

  it("refuses another X account's archive at the start, and one claimed elsewhere meanwhile at the finish", async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    expect(
      (await browser.request('POST', '/api/archive', { body: archiveBody('8800', ['5'], []) })).status,
    ).toBe(200);
    const other = await browser.request('POST', '/api/archive/uploads', {
      body: startBody('8801', { following: ['1'], followers: [] }),
    });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({
      error: { code: 'ARCHIVE_OWNER_MISMATCH', params: { archiveAccountId: '8801', userAccountId: '8800' } },
    });

    const carol = new TestBrowser(app);
    const carolId = await carol.signIn();
    const lists = { following: ids(30, 1000), followers: [] };
    const id = await start(carol, '8900', lists);
    await sendAll(carol, id, lists);
    const dave = new TestBrowser(app);
    await dave.signIn();
    expect(
      (await dave.request('POST', '/api/archive', { body: archiveBody('8900', ['7'], []) })).status,
    ).toBe(200);
    const res = await finish(carol, id);
    expect([res.status, await errorCode(res)]).toEqual([409, 'ARCHIVE_CLAIMED_ELSEWHERE']);
    expect(await edges(db(), carolId)).toEqual({});
    expect(await edges(db(), userId)).toEqual({ 1: ['5'] });
  });

  it('lets the latest start win: the older upload is refused, the newer stored', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const older = { following: ids(20, 1000), followers: [] };
    const newer = { following: ids(30, 5000), followers: [] };
    const first = await start(browser, '9000', older);
    await sendAll(browser, first, older);
    const second = await start(browser, '9000', newer);
    const late = await sendPart(browser, first, 'following', 0, older.following);
    expect([late.status, await errorCode(late)]).toEqual([409, 'UPLOAD_SUPERSEDED']);
    const res = await finish(browser, first);
    expect([res.status, await errorCode(res)]).toEqual([409, 'UPLOAD_SUPERSEDED']);
    await sendAll(browser, second, newer);
    expect((await finish(browser, second)).status).toBe(200);
    expect(await edges(db(), userId)).toEqual({ 1: sorted(newer.following) });
  });

  it('refuses a list declared past the largest X archive lists', async () => {
    const app = appFor(db());
    const browser = new TestBrowser(app);
    await browser.signIn();
    const body = startBody('9100', { following: [], followers: [] });
    body.counts.followers = 50_000_001;
    const res = await browser.request('POST', '/api/archive/uploads', { body });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'ARCHIVE_TOO_LARGE', params: { list: 'followers' } },
    });
  });
});
