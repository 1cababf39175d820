// /metrics (issue 12): Prometheus text with the names and labels an operator's alerts use, served
// to a direct loopback caller or with METRICS_TOKEN, refused to anyone else (a request relayed by
// a local proxy included); and `passerelle status` reads the same queue.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { saveLinkedAccount } from '../../src/accounts/store.ts';
import { statusCommand } from '../../src/cli/status.ts';
import { queueStatus } from '../../src/metrics/queue.ts';
import { followsMade } from '../../src/metrics/registry.ts';
import { BlueskyAdapter } from '../../src/platforms/bluesky/adapter.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('metrics', (db) => {
  let base = '';
  let close: () => void = () => {};
  beforeAll(async () => {
    const vault = ephemeralVault();
    const [u] = await db().query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
    const userId = Number(u?.id);
    await saveLinkedAccount(db(), vault, {
      userId,
      platform: 'bluesky',
      accountId: 'did:plc:metrics',
      handle: 'metrics.test',
      credentials: { token: 't' },
    });
    await db().query(
      `INSERT INTO follow_tasks (user_id, platform, target, state) VALUES ($1, 'bluesky', 'did:plc:a', 'pending'),
       ($1, 'bluesky', 'did:plc:b', 'done'), ($1, 'bluesky', 'did:plc:c', 'pending')`,
      [userId],
    );
    // Held for activation day, and paused by automatic mode off: two states for the operator.
    await db().query(
      `INSERT INTO follow_tasks (user_id, platform, target, state, held_for) VALUES ($1, 'bluesky', 'did:plc:d', 'held', 'activation'),
       ($1, 'bluesky', 'did:plc:e', 'held', 'auto_off'), ($1, 'bluesky', 'did:plc:f', 'held', 'auto_off')`,
      [userId],
    );
    await db().query(
      `UPDATE follow_schedules SET park_reason = 'rate_limited', parked_until = now() + interval '1 hour'`,
    );
    followsMade.inc({ platform: 'bluesky' }, 2);
    const app = createApp({ database: db(), config: { metricsToken: 'secret-metrics-token' } });
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
      close = () => server.close();
    });
  });
  afterAll(() => close());

  it('serves the queue, parked accounts, follows made and HTTP latency to loopback', async () => {
    await fetch(`${base}/healthz`);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'passerelle_follow_tasks', { platform: 'bluesky', state: 'pending' })).toBe(2);
    expect(sample(text, 'passerelle_follow_tasks', { platform: 'bluesky', state: 'done' })).toBe(1);
    expect(sample(text, 'passerelle_follow_tasks', { platform: 'bluesky', state: 'held' })).toBe(1);
    expect(sample(text, 'passerelle_follow_tasks', { platform: 'bluesky', state: 'paused' })).toBe(2);
    expect(sample(text, 'passerelle_parked_accounts', { platform: 'bluesky', reason: 'rate_limited' })).toBe(
      1,
    );
    expect(sample(text, 'passerelle_follows_made_total', { platform: 'bluesky' })).toBeGreaterThanOrEqual(2);
    for (const name of [
      'passerelle_rate_limited_total',
      'passerelle_blocks_mutes_made_total',
      'passerelle_reauth_needed',
      'passerelle_budget_spent_last_hour',
      'passerelle_fanout_duration_seconds',
    ])
      expect(text).toContain(`# TYPE ${name} `);
    // Routes by pattern, never by raw path.
    const healthz = sample(text, 'passerelle_http_request_duration_seconds_count', {
      route: '/healthz',
      method: 'GET',
      status: '200',
    });
    expect(healthz).toBeGreaterThanOrEqual(1);
  });

  it('refuses a request relayed by a proxy, and a wrong token; a right token opens it', async () => {
    expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(
      403,
    );
    expect(
      (
        await fetch(`${base}/metrics`, {
          headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer nope' },
        })
      ).status,
    ).toBe(403);
    const ok = await fetch(`${base}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer secret-metrics-token' },
    });
    expect(ok.status).toBe(200);
  });

  it('tells the operator the queue, the parked accounts and the time to drain it', async () => {
    const status = await queueStatus(db(), [new BlueskyAdapter()]);
    expect(status.tasks).toEqual(
      expect.arrayContaining([
        { platform: 'bluesky', state: 'pending', count: 2 },
        { platform: 'bluesky', state: 'done', count: 1 },
      ]),
    );
    expect(status.parked).toEqual([
      expect.objectContaining({ platform: 'bluesky', reason: 'rate_limited', accounts: 1 }),
    ]);
    expect(status.drain).toEqual([
      { platform: 'bluesky', openTasks: 3, accounts: 1, hours: expect.any(Number) },
    ]);
    // Paused follows do not drain: they wait for their person. 3 follows at Bluesky's budget (80 % of 5,000 points an hour, 3 a follow): a few seconds.
    expect(status.drain[0]?.hours).toBeGreaterThan(0);
    expect(status.drain[0]?.hours).toBeLessThan(0.01);
    const printed: string[] = [];
    await statusCommand(db(), {}, { out: (t) => printed.push(t), err: () => {} });
    const out = printed.join('');
    expect(out).toMatch(/bluesky\s+pending\s+2/);
    expect(out).toMatch(/bluesky\s+paused\s+2 \(automatic mode off: they wait for their person\)/);
    expect(out).toMatch(/bluesky\s+3 open for 1 account\(s\): 1 min/);
    expect(out).toMatch(/bluesky\s+-\s+1 rate_limited until .* — the network answered 429/);
    expect(out).toContain('Re-authorisations needed: none');
  });
});

/** The value of the first sample of `name` whose labels include `labels` (any label order). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.split(' ').at(-1));
  }
  return undefined;
}
