// The launch simulator's loop: a discrete-event simulation on a virtual clock that drives the real
// engine (FollowEngine, its claims, leases and budgets), the real fan-out (consents and links go
// through the directory) and the real database, against the simulated networks of ./network.ts.
// Virtual workers each serve one batch at a time and are busy for the batch's simulated latency;
// people arrive, tokens are revoked and re-authorised, a worker is killed mid-batch. Nothing sleeps.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/index.ts';
import { releaseActivationIfDue, setActivation } from '../../src/directory/activation.ts';
import { applyUserChange } from '../../src/directory/fanout.ts';
import type { LinkedAccountInfo } from '../../src/platforms/types.ts';
import { FollowEngine } from '../../src/reconnect/engine.ts';
import { nextDueTime } from '../../src/reconnect/store.ts';
import { Vault } from '../../src/vault/vault.ts';
import { accountOf } from './analysis.ts';
import {
  type ArrivalContext,
  type ArrivalTiming,
  arriveTogether,
  linkAccounts,
  newArrivalTiming,
} from './arrivals.ts';
import { type Crowd, insideFollowers, type Person, rng } from './crowd.ts';
import { type Faults, SimAdapter, SimWorld } from './network.ts';

export interface RunOptions {
  database: Database;
  crowd: Crowd;
  faults: boolean;
  workers: number;
  /** Stop after this many simulated hours past activation even if work remains. */
  horizonHours: number;
  log: (line: string) => void;
}

export interface RunOutcome {
  world: SimWorld;
  activationMs: number;
  /** Accounts whose token was revoked, and when (hours) they came back, if they did. */
  revocations: Map<string, { fromHours: number; toHours?: number }>;
  faults: Faults;
  endHours: number;
  workersKilled: number;
  batches: number;
  /** Tasks still open (pending, in flight, held) at the end. */
  openTasks: number;
  /** Wall milliseconds spent on arrivals (archive, links, fan-out), batches, idle looks. */
  wallMs: { arrivals: number; batches: number; idle: number; events: number };
  /** The arrivals' wall time by phase, and how many steps they came in. */
  arrivalTiming: ArrivalTiming;
  arrivalSteps: number;
}

interface VirtualWorker {
  engine: FollowEngine;
  freeAt: number;
  /** Consecutive claims that found nothing: the worker looks again less often. */
  idleStreak: number;
}

const HOUR = 3_600_000;

function faultPlan(on: boolean): Faults {
  if (!on) return { serverErrors: 0 };
  return {
    serverErrors: 0.02,
    hostDown: { host: 0, fromHours: 2, hours: 1 },
    // The biggest instance (rank 0 of the Zipf draw) answers 429 to everything for an hour.
    storm: { instance: 0, fromHours: 1, hours: 1 },
  };
}

export async function runLaunch(options: RunOptions): Promise<RunOutcome> {
  const { database, crowd, log } = options;
  const vault = new Vault([['sim', randomBytes(32)]]);
  const random = rng(crowd.spec.seed + 1);
  const activationMs = Math.ceil((Date.now() + 8 * 24 * HOUR) / HOUR) * HOUR;
  let clock = activationMs - 7 * 24 * HOUR;
  const now = () => clock;
  const faults = faultPlan(options.faults);
  const world = new SimWorld(now, activationMs, faults, random);
  const locate = (a: LinkedAccountInfo) => {
    const index =
      a.platform === 'bluesky'
        ? Number.parseInt(a.accountId.slice('did:plc:sim'.length), 36)
        : Number(a.accountId.split(':')[1]);
    const p = crowd.people[index];
    return a.platform === 'bluesky'
      ? { host: p?.bluesky?.host ?? 0, perIp: true }
      : { host: p?.mastodon?.instance ?? 0, perIp: crowd.perIpInstances.has(p?.mastodon?.instance ?? -1) };
  };
  const adapters = [new SimAdapter('bluesky', world, locate), new SimAdapter('mastodon', world, locate)];
  const newEngine = () => new FollowEngine({ database, vault, adapters, now: () => new Date(clock), random });
  const workers: VirtualWorker[] = Array.from({ length: options.workers }, () => ({
    engine: newEngine(),
    freeAt: 0,
    idleStreak: 0,
  }));

  await setActivation(database, new Date(activationMs));
  const followers = insideFollowers(crowd);
  const arrivals = [...crowd.people].sort((a, b) => a.arrivalHours - b.arrivalHours);
  const userIds = new Map<number, number>();
  const arrivalAt = (p: Person) => activationMs + p.arrivalHours * HOUR;
  const arrivalContext: ArrivalContext = {
    database,
    vault,
    crowd,
    followers,
    userIds,
    timing: newArrivalTiming(),
  };
  let arrivalSteps = 0;
  const revocations = new Map<string, { fromHours: number; toHours?: number }>();
  // Timed events besides arrivals: the release, revocations (and some re-authorisations), a kill.
  const events: { at: number; run: () => Promise<void> }[] = [
    { at: activationMs, run: async () => void (await releaseActivationIfDue(database, new Date(clock))) },
  ];
  let killed = 0;
  let killedWorker: VirtualWorker | undefined;
  if (options.faults) {
    events.push({
      at: activationMs + HOUR / 2,
      run: async () => {
        world.killNext = { platform: 'bluesky' };
      },
    });
    events.push({ at: activationMs + 6 * HOUR, run: async () => revokeSome() });
  }
  async function revokeSome() {
    const linked = crowd.people.filter((p) => p.arrivalHours <= 6);
    for (const p of linked) {
      if (random() >= 0.01) continue;
      const platform = p.bluesky ? 'bluesky' : 'mastodon';
      const key = `${platform}:${accountOf(p, platform)}`;
      world.revoked.add(key);
      const back = random() < 0.5 ? 6 + 2 + random() * 22 : undefined;
      revocations.set(key, { fromHours: 6, toHours: back });
      if (back !== undefined)
        events.push({
          at: activationMs + back * HOUR,
          run: async () => {
            world.revoked.delete(key);
            await linkAccounts(
              database,
              vault,
              { ...p, ...(platform === 'bluesky' ? { mastodon: undefined } : { bluesky: undefined }) },
              userIds.get(p.index) as number,
              async (tx) => void (await applyUserChange(tx, userIds.get(p.index) as number)),
            );
          },
        });
    }
  }
  const horizon = activationMs + options.horizonHours * HOUR;
  let ai = 0;
  let batches = 0;
  const wallMs = { arrivals: 0, batches: 0, idle: 0, events: 0 };
  let lastLog = clock;
  let changes = 0;
  let dueLook: { changes: number; due: Date | null } = { changes: -1, due: null };
  for (;;) {
    events.sort((a, b) => a.at - b.at);
    const nextArrival = arrivals[ai] ? arrivalAt(arrivals[ai] as Person) : Infinity;
    const nextEvent = events[0]?.at ?? Infinity;
    const worker = workers.reduce((a, b) => (b.freeAt < a.freeAt ? b : a));
    const next = Math.min(nextArrival, nextEvent, worker.freeAt);
    if (next === Infinity || next > horizon) break;
    clock = Math.max(clock, next);
    if (clock - lastLog >= 6 * HOUR) {
      lastLog = clock;
      log(
        `  t=${((clock - activationMs) / HOUR).toFixed(0)} h: ${ai} arrived, ${batches} batches, ${world.stats.writes} follows written; wall s: arrivals ${secs(wallMs.arrivals)}, batches ${secs(wallMs.batches)}, idle ${secs(wallMs.idle)}; ${await footprint(database)}`,
      );
    }
    const t0 = performance.now();
    if (next === nextArrival) {
      // Everyone arriving before anything else happens comes in one step, at the last one's time.
      // Before the activation every follow is held: the workers' looks find nothing to send.
      const until = Math.min(next + HOUR, nextEvent, next < activationMs ? Infinity : worker.freeAt);
      const group: Person[] = [];
      for (; arrivals[ai] && arrivalAt(arrivals[ai] as Person) < until; ai++)
        group.push(arrivals[ai] as Person);
      if (group.length === 0) group.push(arrivals[ai++] as Person);
      clock = Math.max(clock, arrivalAt(group[group.length - 1] as Person));
      await arriveTogether(arrivalContext, group);
      arrivalSteps += 1;
      changes += 1;
      wakeIdle(workers, clock);
      wallMs.arrivals += performance.now() - t0;
      continue;
    }
    if (next === nextEvent) {
      await (events.shift() as { run: () => Promise<void> }).run();
      changes += 1;
      wakeIdle(workers, clock);
      wallMs.events += performance.now() - t0;
      continue;
    }
    world.batchMs = 0;
    killedWorker = undefined;
    const killSignal = new Promise<'killed'>((resolve) => {
      world.onKill = () => {
        killed += 1;
        killedWorker = worker;
        resolve('killed');
      };
    });
    const result = await Promise.race([worker.engine.serveOne(), killSignal]);
    if (result === 'killed' || killedWorker === worker) {
      // The process died mid-batch: its leases expire; a fresh worker takes its place.
      changes += 1;
      worker.engine = newEngine();
      worker.freeAt = clock + 1_000;
      continue;
    }
    if (result === 'served') {
      wallMs.batches += performance.now() - t0;
      batches += 1;
      changes += 1;
      worker.idleStreak = 0;
      worker.freeAt = clock + Math.max(50, world.batchMs);
      continue;
    }
    // Idle: sleep until the next due time, at least a second, longer after each empty look.
    worker.idleStreak += 1;
    // The next due time only moves when something happened (a batch, an arrival, an event): the
    // workers that find nothing in between share one look at it.
    if (dueLook.changes !== changes)
      dueLook = { changes, due: await nextDueTime(database, ['bluesky', 'mastodon']) };
    const due = dueLook.due;
    const pause = Math.min(300_000, 1_000 * 2 ** Math.min(worker.idleStreak, 9));
    worker.freeAt = due ? Math.max(due.getTime(), clock + pause) : Infinity;
    wallMs.idle += performance.now() - t0;
  }
  const [open] = await database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM follow_tasks WHERE state IN ('pending', 'in_flight', 'held')`,
  );
  return {
    world,
    activationMs,
    revocations,
    faults,
    endHours: (Math.min(clock, horizon) - activationMs) / HOUR,
    workersKilled: killed,
    batches,
    openTasks: open?.n ?? 0,
    wallMs,
    arrivalTiming: arrivalContext.timing,
    arrivalSteps,
  };
}

const secs = (ms: number) => (ms / 1000).toFixed(0);

/** The database's size and the process's memory, for the progress lines of a long run. */
async function footprint(database: Database): Promise<string> {
  const rss = `rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`;
  if (database.kind !== 'postgres') return rss;
  const [row] = await database.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b');
  return `${rss}, database ${Math.round(Number(row?.b) / 2 ** 20)} MB`;
}

/** Workers sleeping for lack of work look again when something happens. */
function wakeIdle(workers: VirtualWorker[], clock: number): void {
  for (const w of workers)
    if (w.idleStreak > 0) {
      w.freeAt = Math.min(w.freeAt, clock);
      w.idleStreak = 0;
    }
}
