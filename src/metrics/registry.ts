// Prometheus metrics (prom-client): what the process counts as it goes (follows made, 429s, HTTP
// latency by route, fan-out latency) and what is read from the database at scrape time (the queue
// by state, parked accounts, re-authorisations needed, budget spent, the connection pool).
// Database figures are cached briefly: a scrape every few seconds must not scan the queue each time.
import client from 'prom-client';
import type { Database } from '../db/index.ts';
import { accountsNeedingReauth, parkedAccounts, tasksByState } from './queue.ts';

export const registry = new client.Registry();
registry.setDefaultLabels({ service: 'passerelle' });
client.collectDefaultMetrics({ register: registry, prefix: 'passerelle_' });

export const followsMade = new client.Counter({
  name: 'passerelle_follows_made_total',
  help: 'Follows (and follow requests) written on the networks by this process; blocks and mutes are not follows',
  labelNames: ['platform'] as const,
  registers: [registry],
});

export const safetyActionsMade = new client.Counter({
  name: 'passerelle_blocks_mutes_made_total',
  help: 'X blocks and mutes carried over, written on the networks by this process, by kind (block, mute)',
  labelNames: ['platform', 'kind'] as const,
  registers: [registry],
});

/** Counts what one batch wrote: follows on their counter, blocks and mutes on theirs. */
export function countWritten(platform: string, kind: string, written: number): void {
  if (written === 0) return;
  if (kind === 'follow') followsMade.inc({ platform }, written);
  else safetyActionsMade.inc({ platform, kind }, written);
}

export const rateLimited = new client.Counter({
  name: 'passerelle_rate_limited_total',
  help: "429 answers from a network (each parks the account until the network's reset time)",
  labelNames: ['platform'] as const,
  registers: [registry],
});

export const httpDuration = new client.Histogram({
  name: 'passerelle_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const fanOutDuration = new client.Histogram({
  name: 'passerelle_fanout_duration_seconds',
  help: "Time to apply one user's change to the directory and plan the follows it implies",
  buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

const CACHE_MS = 15_000;

/** Registers the database-read gauges for this process's database (once per process). */
export function watchDatabase(
  database: Database,
  pool?: { totalCount: number; idleCount: number; waitingCount: number },
) {
  let cached: { at: number; read: Promise<DatabaseFigures> } | undefined;
  const figures = () => {
    if (!cached || Date.now() - cached.at > CACHE_MS)
      cached = { at: Date.now(), read: readFigures(database) };
    return cached.read;
  };
  for (const name of [
    'passerelle_follow_tasks',
    'passerelle_parked_accounts',
    'passerelle_reauth_needed',
    'passerelle_budget_spent_last_hour',
  ])
    registry.removeSingleMetric(name);
  new client.Gauge({
    name: 'passerelle_follow_tasks',
    help: 'Follow tasks by platform and state',
    labelNames: ['platform', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await figures()).tasks) this.set({ platform: r.platform, state: r.state }, r.count);
    },
  });
  new client.Gauge({
    name: 'passerelle_parked_accounts',
    help: 'Linked accounts parked now, by platform and reason (rate_limited, budget, backoff, follow_cap, needs_reauth)',
    labelNames: ['platform', 'reason'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const sums = new Map<string, number>();
      for (const r of (await figures()).parked) {
        const key = `${r.platform}\u0000${r.reason}`;
        sums.set(key, (sums.get(key) ?? 0) + r.accounts);
      }
      for (const [key, n] of sums) {
        const [platform, reason] = key.split('\u0000');
        this.set({ platform, reason }, n);
      }
    },
  });
  new client.Gauge({
    name: 'passerelle_reauth_needed',
    help: 'Linked accounts whose token the network refused: their owners must link them again',
    labelNames: ['platform'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await figures()).reauth) this.set({ platform: r.platform }, r.accounts);
    },
  });
  new client.Gauge({
    name: 'passerelle_budget_spent_last_hour',
    help: 'Budget units spent on the networks in the last hour, by platform and unit',
    labelNames: ['platform', 'unit'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await figures()).spent)
        for (const unit of ['follows', 'requests', 'points'] as const)
          this.set({ platform: r.platform, unit }, r[unit]);
    },
  });
  if (pool) {
    registry.removeSingleMetric('passerelle_db_pool_connections');
    new client.Gauge({
      name: 'passerelle_db_pool_connections',
      help: 'PostgreSQL pool connections of this process: total, idle, and requests waiting for one',
      labelNames: ['kind'] as const,
      registers: [registry],
      collect() {
        this.set({ kind: 'total' }, pool.totalCount);
        this.set({ kind: 'idle' }, pool.idleCount);
        this.set({ kind: 'waiting' }, pool.waitingCount);
      },
    });
  }
}

interface DatabaseFigures {
  tasks: Awaited<ReturnType<typeof tasksByState>>;
  parked: Awaited<ReturnType<typeof parkedAccounts>>;
  reauth: Awaited<ReturnType<typeof accountsNeedingReauth>>;
  spent: { platform: string; follows: number; requests: number; points: number }[];
}

async function readFigures(database: Database): Promise<DatabaseFigures> {
  const spent = await database.query<{ platform: string; follows: string; requests: string; points: string }>(
    `SELECT la.platform, coalesce(sum(u.follows), 0) AS follows, coalesce(sum(u.requests), 0) AS requests,
            coalesce(sum(u.points), 0) AS points
       FROM follow_budget_usage u JOIN linked_accounts la ON la.id = u.linked_account_id
      WHERE u.at > now() - interval '1 hour' GROUP BY la.platform`,
  );
  return {
    tasks: await tasksByState(database),
    parked: await parkedAccounts(database),
    reauth: await accountsNeedingReauth(database),
    spent: spent.map((r) => ({
      platform: r.platform,
      follows: Number(r.follows),
      requests: Number(r.requests),
      points: Number(r.points),
    })),
  };
}
