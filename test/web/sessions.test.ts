// Settings lists the user's sessions on every device and ends any of them: one by one, or every
// one but this browser's. Each ending is a POST with the CSRF token, for the user's own sessions.
import { expect, it } from 'vitest';
import { createApp } from '../../src/web/app.ts';
import { deviceSummary } from '../../src/web/device.ts';
import { createSession } from '../../src/web/sessions.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { TestBrowser } from './client.ts';

const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

it('summarises a User-Agent as browser and system, and nothing else', () => {
  expect(deviceSummary(FIREFOX_ANDROID)).toBe('Firefox · Android');
  expect(deviceSummary(CHROME_LINUX)).toBe('Chrome · Linux');
  expect(
    deviceSummary(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    ),
  ).toBe('Safari · iOS');
  expect(deviceSummary('curl/8.5.0')).toBeNull();
  expect(deviceSummary(undefined)).toBeNull();
});

interface SessionView {
  id: number;
  current: boolean;
  device: string | null;
  createdAt: string;
  lastSeenAt: string;
}

describeEachDatabase('web: my sessions on every device', (db) => {
  const app = () => createApp({ database: db(), config: { cookieSecure: false } });

  /** A laptop signed in, and a phone holding a second session of the same user. */
  async function twoDevices() {
    const web = app();
    const laptop = new TestBrowser(web);
    await laptop.session();
    const started = await laptop.request('POST', '/api/session', { headers: { 'user-agent': CHROME_LINUX } });
    const userId = ((await started.json()) as { user: { id: number } }).user.id;
    const phone = new TestBrowser(web);
    await phone.session();
    const { token, session } = await createSession(db(), userId, 3600, deviceSummary(FIREFOX_ANDROID));
    phone.cookies.set('passerelle_session', token);
    return { web, laptop, phone, userId, phoneSessionId: session.id };
  }

  const list = async (browser: TestBrowser) => {
    const res = await browser.request('GET', '/api/sessions');
    expect(res.status).toBe(200);
    return ((await res.json()) as { sessions: SessionView[] }).sessions;
  };

  it('lists both devices, marks this one, and signs the other one out', async () => {
    const { laptop, phone, phoneSessionId } = await twoDevices();
    const sessions = await list(laptop);
    expect(sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Chrome · Linux', true],
      ['Firefox · Android', false],
    ]);
    for (const s of sessions)
      expect(Date.parse(s.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));

    // Without the CSRF token, nothing ends.
    const forged = await laptop.request('POST', `/api/sessions/${phoneSessionId}/sign-out`, { csrf: false });
    expect(forged.status).toBe(403);
    expect((await phone.session()).user).not.toBeNull();

    expect((await laptop.request('POST', `/api/sessions/${phoneSessionId}/sign-out`)).status).toBe(204);
    expect((await phone.session()).user).toBeNull();
    expect((await laptop.session()).user).not.toBeNull();
    expect((await list(laptop)).map((s) => s.device)).toEqual(['Chrome · Linux']);
    // Gone already: a clear 404.
    const again = await laptop.request('POST', `/api/sessions/${phoneSessionId}/sign-out`);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('SESSION_NOT_FOUND');
  });

  it("signs out everywhere else, and never touches another person's sessions", async () => {
    const { laptop, phone, web } = await twoDevices();
    const stranger = new TestBrowser(web);
    await stranger.signIn();
    const strangerSession = (await list(stranger))[0] as SessionView;
    // Someone else's session id is not mine to end.
    expect((await laptop.request('POST', `/api/sessions/${strangerSession.id}/sign-out`)).status).toBe(404);
    expect((await stranger.session()).user).not.toBeNull();

    const res = await phone.request('POST', '/api/sessions/sign-out-others');
    expect(await res.json()).toEqual({ ended: 1 });
    expect((await laptop.session()).user).toBeNull();
    expect((await phone.session()).user).not.toBeNull();
    expect((await stranger.session()).user).not.toBeNull();
  });

  it('signing out this device from the list ends this session; bad ids are refused', async () => {
    const { laptop } = await twoDevices();
    const mine = (await list(laptop)).find((s) => s.current) as SessionView;
    expect((await laptop.request('POST', '/api/sessions/abc/sign-out')).status).toBe(400);
    expect((await laptop.request('POST', `/api/sessions/${mine.id}/sign-out`)).status).toBe(204);
    expect((await laptop.session()).user).toBeNull();
    expect((await laptop.request('GET', '/api/sessions')).status).toBe(401);
  });
});
