// An archive sent in parts ends early: cancelled by its owner (DELETE), or replaced by a single
// upload of the whole archive. Either way its later parts are refused, its staged rows go, and
// the previous archive stays as it was.
import { expect, it, vi } from 'vitest';
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
  twoUsers,
} from './parts-upload.ts';

const cancel = (browser: TestBrowser, id: number | string, options = {}) =>
  browser.request('DELETE', `/api/archive/uploads/${id}`, options);

describeEachDatabase('archive sent in parts: cancel and supersede', (db) => {
  const staged = async (id: number) =>
    (
      await db().query<{ n: number }>('SELECT count(*)::int AS n FROM x_edge_rows WHERE edge_set = $1', [id])
    )[0]?.n;
  const job = async (id: number) =>
    (
      await db().query<{ state: string; error: string | null }>(
        'SELECT state, error FROM archive_import_jobs WHERE id = $1',
        [id],
      )
    )[0];

  it('the owner cancels: parts and finish refused, staged rows deleted, the old archive kept', async () => {
    const browser = new TestBrowser(appFor(db()));
    const userId = await browser.signIn();
    expect(
      (await browser.request('POST', '/api/archive', { body: archiveBody('9300', ['1'], []) })).status,
    ).toBe(200);
    const lists = { following: ids(800, 1000), followers: [] };
    const id = await start(browser, '9300', lists);
    await sendAll(browser, id, lists, 'following/1');
    expect(await staged(id)).toBe(PART_IDS);

    expect((await cancel(browser, id)).status).toBe(204);
    expect(await job(id)).toEqual({ state: 'failed', error: 'cancelled' });
    await vi.waitFor(async () => expect(await staged(id)).toBe(0));
    const late = await sendPart(browser, id, 'following', 1, lists.following.slice(PART_IDS));
    expect([late.status, await errorCode(late)]).toEqual([410, 'UPLOAD_CANCELLED']);
    const done = await finish(browser, id);
    expect([done.status, await errorCode(done)]).toEqual([410, 'UPLOAD_CANCELLED']);
    // Cancelling again (its answer lost) answers the same.
    expect((await cancel(browser, id)).status).toBe(204);
    expect(await staged(id)).toBe(0);
    expect(await edges(db(), userId)).toEqual({ 1: ['1'] });
  });

  it('answers 404 to another user, as for an unknown upload, and leaves the upload going', async () => {
    const { alice, aliceId, bob } = await twoUsers(appFor(db()));
    const lists = { following: ids(10, 1000), followers: [] };
    const id = await start(alice, '9400', lists);
    const fromBob = await cancel(bob, id);
    expect([fromBob.status, await errorCode(fromBob)]).toEqual([404, 'UPLOAD_NOT_FOUND']);
    const unknown = await cancel(bob, id + 1000);
    expect([unknown.status, await errorCode(unknown)]).toEqual([404, 'UPLOAD_NOT_FOUND']);
    expect((await cancel(bob, 'abc')).status).toBe(400);
    await sendAll(alice, id, lists);
    expect((await finish(alice, id)).status).toBe(200);
    expect(await edges(db(), aliceId)).toEqual({ 1: sorted(lists.following) });
  });

  it('refuses a cancel without the CSRF token or from a foreign origin', async () => {
    const browser = new TestBrowser(appFor(db()));
    await browser.signIn();
    const id = await start(browser, '9500', { following: ids(10, 1000), followers: [] });
    expect((await cancel(browser, id, { csrf: false })).status).toBe(403);
    expect((await cancel(browser, id, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect(await job(id)).toEqual({ state: 'staging', error: null });
  });

  it('does not undo a stored upload: 409 UPLOAD_FINISHED', async () => {
    const browser = new TestBrowser(appFor(db()));
    const userId = await browser.signIn();
    const lists = { following: ids(10, 1000), followers: [] };
    const id = await start(browser, '9600', lists);
    await sendAll(browser, id, lists);
    expect((await finish(browser, id)).status).toBe(200);
    const res = await cancel(browser, id);
    expect([res.status, await errorCode(res)]).toEqual([409, 'UPLOAD_FINISHED']);
    expect(await job(id)).toMatchObject({ state: 'stored' });
    expect(await edges(db(), userId)).toEqual({ 1: sorted(lists.following) });
  });

  it('a single upload of the whole archive replaces one still sent in parts', async () => {
    const browser = new TestBrowser(appFor(db()));
    const userId = await browser.signIn();
    const lists = { following: ids(800, 1000), followers: [] };
    const id = await start(browser, '9700', lists);
    await sendAll(browser, id, lists, 'following/1');
    const whole = await browser.request('POST', '/api/archive', {
      body: archiveBody('9700', ['5', '6'], []),
    });
    expect(whole.status).toBe(200);
    expect(await job(id)).toEqual({ state: 'failed', error: 'superseded' });
    const late = await sendPart(browser, id, 'following', 1, lists.following.slice(PART_IDS));
    expect([late.status, await errorCode(late)]).toEqual([409, 'UPLOAD_SUPERSEDED']);
    const done = await finish(browser, id);
    expect([done.status, await errorCode(done)]).toEqual([409, 'UPLOAD_SUPERSEDED']);
    await vi.waitFor(async () => expect(await staged(id)).toBe(0));
    expect(await edges(db(), userId)).toEqual({ 1: ['5', '6'] });
  });
});
