// `npm run bench:follow`: (a) 1,600 follows for one account against a local PDS with its real
// rate limits on, the engine side by side with one createRecord per follow; (b) the engine's own
// overhead against a zero-latency in-process peer, on PostgreSQL (2 worker processes) and PGlite.
// Writes its section of BENCHMARKS.md. A benchmark, not a test: figures, no assertions.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AtpAgent } from '@atproto/api';
import { saveLinkedAccount } from '../src/accounts/store.ts';
import { type Database, openDatabase } from '../src/db/index.ts';
import { DEVELOPMENT_POLICY } from '../src/net/policy.ts';
import { BlueskyAdapter, blueskyFetch } from '../src/platforms/bluesky/adapter.ts';
import { linkBlueskyWithAppPassword } from '../src/platforms/bluesky/link.ts';
import { setPlatformBudget } from '../src/reconnect/budget.ts';
import { FollowEngine } from '../src/reconnect/engine.ts';
import { planFollows } from '../src/reconnect/tasks.ts';
import { Vault } from '../src/vault/vault.ts';
import { startBlueskyNetwork, syntheticDids } from '../test/platforms/bluesky-network.ts';
import { FakePeer } from '../test/reconnect/fake-peer.ts';
import { createScratchPostgres } from '../test/support/databases.ts';
import { writeBenchmarkSection } from './lib/report.ts';

const { values: args } = parseArgs({
  options: {
    follows: { type: 'string', default: '1600' },
    accounts: { type: 'string', default: '1000' },
    tasks: { type: 'string', default: '1000' },
    'pglite-accounts': { type: 'string' },
    skip: { type: 'string', multiple: true, default: [] },
    'no-write': { type: 'boolean', default: false },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const key = randomBytes(32);
const vaultKeys = `bench:${key.toString('base64')}`;
const vault = new Vault([['bench', key]]);
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Counts HTTP requests and 429s going through a fetch. */
function countingFetch(base: typeof fetch = fetch) {
  const stats = { requests: 0, tooMany: 0 };
  const f: typeof fetch = async (input, init) => {
    stats.requests += 1;
    const res = await base(input, init);
    if (res.status === 429) stats.tooMany += 1;
    return res;
  };
  return { stats, fetch: f };
}

async function benchPds(follows: number) {
  const net = await startBlueskyNetwork({ rateLimits: true });
  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    // The platform limit at 100%, not spread over the day, so 1,600 follows fit in one hour.
    await setPlatformBudget(database, 'bluesky', {
      windows: [
        { name: 'hour', seconds: 3600, limit: 5000, unit: 'points' },
        { name: 'day', seconds: 86400, limit: 35000, unit: 'points' },
      ],
      fraction: 1,
    });
    const engineAccount = await net.createAccount('engine');
    const [u] = await database.query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
    const userId = Number(u?.id);
    await linkBlueskyWithAppPassword(database, vault, {
      userId,
      service: net.url,
      identifier: engineAccount.handle,
      appPassword: engineAccount.appPassword,
      policy: DEVELOPMENT_POLICY,
    });
    const targets = syntheticDids(follows, 'bench-engine');
    await planFollows(
      database,
      userId,
      'bluesky',
      targets.map((target) => ({ target })),
    );
    // The engine's requests go through the safe fetch, as in production (a local PDS: development policy).
    const counted = countingFetch(blueskyFetch({ policy: DEVELOPMENT_POLICY }));
    const engine = new FollowEngine({
      database,
      vault,
      adapters: [new BlueskyAdapter({ fetch: counted.fetch })],
    });
    let t0 = performance.now();
    await engine.drain();
    const engineSeconds = (performance.now() - t0) / 1000;
    const [done] = await database.query<{ n: string }>(
      `SELECT count(*) AS n FROM follow_tasks WHERE state = 'done'`,
    );

    // Naive: one createRecord per follow, as browser-tab tools do; the first 429 ends the loop.
    const naiveAccount = await net.createAccount('naive');
    const naive = countingFetch();
    const agent = new AtpAgent({ service: net.url, fetch: naive.fetch });
    await agent.login({ identifier: naiveAccount.handle, password: naiveAccount.appPassword });
    const signIn = naive.stats.requests;
    t0 = performance.now();
    let naiveDone = 0;
    for (const subject of syntheticDids(follows, 'bench-naive')) {
      try {
        await agent.app.bsky.graph.follow.create(
          { repo: naiveAccount.did },
          { subject: subject as `did:${string}:${string}`, createdAt: new Date().toISOString() },
        );
        naiveDone += 1;
      } catch {
        break;
      }
    }
    const naiveSeconds = (performance.now() - t0) / 1000;
    return {
      engine: {
        done: Number(done?.n),
        requests: counted.stats.requests,
        tooMany: counted.stats.tooMany,
        seconds: engineSeconds,
      },
      naive: {
        done: naiveDone,
        requests: naive.stats.requests - signIn,
        tooMany: naive.stats.tooMany,
        seconds: naiveSeconds,
      },
    };
  } finally {
    await database.close();
    await net.close();
  }
}

/** Plans accounts × tasks on the zero-latency peer, with no budget. */
async function seed(database: Database, accounts: number, tasks: number): Promise<void> {
  await setPlatformBudget(database, 'bench', { windows: [], fraction: 1 });
  const targets = Array.from({ length: tasks }, (_, i) => ({ target: `did:plc:t${i}` }));
  for (let a = 0; a < accounts; a++) {
    const [u] = await database.query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
    const userId = Number(u?.id);
    await saveLinkedAccount(database, vault, {
      userId,
      platform: 'bench',
      accountId: `a${userId}`,
      handle: `a${userId}`,
      credentials: { token: 't' },
    });
    await planFollows(database, userId, 'bench', targets);
  }
}

function runWorker(
  url: string,
): Promise<{ batches: number; follows: number; seconds: number; start: number; end: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'follow-worker.ts')], {
      env: { ...process.env, DATABASE_URL: url, PASSERELLE_VAULT_KEYS: vaultKeys },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`worker exited ${code}`)),
    );
  });
}

async function benchPostgres(accounts: number, tasks: number) {
  const scratch = await createScratchPostgres();
  const database = await openDatabase({ kind: 'postgres', url: scratch.url });
  try {
    await seed(database, accounts, tasks);
    await database.query('ANALYZE');
    const workers = await Promise.all([runWorker(scratch.url), runWorker(scratch.url)]);
    // From the first worker's first claim to the last one's last: process start-up not counted.
    const seconds =
      (Math.max(...workers.map((w) => w.end)) - Math.min(...workers.map((w) => w.start))) / 1000;
    const follows = workers.reduce((s, w) => s + w.follows, 0);
    return { follows, seconds, perSecond: follows / seconds, workers };
  } finally {
    await database.close();
    await scratch.drop();
  }
}

async function benchPglite(accounts: number, tasks: number) {
  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    await seed(database, accounts, tasks);
    const peer = new FakePeer({ platform: 'bench', maxBatch: 200 });
    const engine = new FollowEngine({ database, vault, adapters: [peer] });
    const t0 = performance.now();
    await engine.drain();
    const seconds = (performance.now() - t0) / 1000;
    return { follows: peer.writes.length, seconds, perSecond: peer.writes.length / seconds };
  } finally {
    await database.close();
  }
}

const skip = new Set(args.skip);
const follows = Number(args.follows);
const accounts = Number(args.accounts);
const tasks = Number(args.tasks);
const cpu = os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'CPU';
const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)} at start`;
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
const lines: string[] = ['## Follow engine (`npm run bench:follow`)', '', `_${when} UTC — ${machine}_`, ''];

if (!skip.has('pds')) {
  const r = await benchPds(follows);
  console.error('pds', JSON.stringify(r));
  const per1000 = (req: number, done: number) => fmt((req * 1000) / Math.max(1, done), 1);
  lines.push(
    `(a) ${fmt(follows)} follows for one account against a local PDS (@atproto/dev-env) with its real rate limits on (5,000 points an hour, a create costs 3):`,
    '',
    '| | engine (applyWrites, 200 a call) | one createRecord per follow |',
    '|---|---|---|',
    `| follows made | ${fmt(r.engine.done)} | ${fmt(r.naive.done)} |`,
    `| HTTP requests | ${fmt(r.engine.requests)} (${per1000(r.engine.requests, r.engine.done)} per 1,000 follows) | ${fmt(r.naive.requests)} (${per1000(r.naive.requests, r.naive.done)} per 1,000) |`,
    `| 429 answers | ${r.engine.tooMany} | ${r.naive.tooMany} |`,
    `| wall time | ${fmt(r.engine.seconds, 2)} s | ${fmt(r.naive.seconds, 2)} s |`,
    '',
    "Engine requests include resuming the stored session and reading the account's existing follow",
    'records; the sign-in is not counted on either side. Targets: ≤ 10 requests per 1,000 follows, zero 429.',
    '',
  );
}
const table = ['| database | workers | tasks dispatched | wall time | tasks/s |', '|---|---|---|---|---|'];
const rows: string[] = [];
if (!skip.has('postgres') && process.env.TEST_DATABASE_URL) {
  const r = await benchPostgres(accounts, tasks);
  console.error('postgres', JSON.stringify(r));
  rows.push(
    `| PostgreSQL | 2 processes × 4 loops | ${fmt(r.follows)} | ${fmt(r.seconds, 1)} s | **${fmt(r.perSecond)}** |`,
  );
}
if (!skip.has('pglite')) {
  const pa = Number(args['pglite-accounts'] ?? accounts);
  const r = await benchPglite(pa, tasks);
  console.error('pglite', JSON.stringify(r));
  rows.push(
    `| PGlite (in memory, ${fmt(pa)} accounts) | 1 process, 1 loop | ${fmt(r.follows)} | ${fmt(r.seconds, 1)} s | **${fmt(r.perSecond)}** |`,
  );
}
if (rows.length > 0) {
  lines.push(
    `(b) Engine overhead against a zero-latency in-process peer: ${fmt(accounts)} accounts × ${fmt(tasks)} tasks, batches of 200, planning not timed:`,
    '',
    ...table,
    ...rows,
    '',
    'Target: ≥ 20,000 tasks dispatched per second.',
  );
}
const endLoad = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
lines.push(
  '',
  `Load average (1 / 5 / 15 min, 2 cores shared with other work) when the runs ended: ${endLoad}.`,
);
if (!args['no-write']) writeBenchmarkSection('follow', lines.join('\n'));
console.log(lines.join('\n'));
