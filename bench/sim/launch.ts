// `npm run sim:launch -- [--users N] [--days D] [--workers W] [--no-faults] [--json] [--write]`:
// replays a launch-day crowd through the real engine, fan-out and database (PostgreSQL with
// DATABASE_URL, in a scratch database dropped afterwards; embedded PGlite otherwise) against
// simulated networks on a virtual clock. A simulation: the networks are models (./network.ts).
// With --json the last line is one JSON object; --write adds the run to BENCHMARKS.md with its
// yield curve (bench/charts/launch-N.svg).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../../src/db/index.ts';
import { formatBytes, writeBenchmarkSection } from '../lib/report.ts';
import { DEFAULT_CROWD, generateCrowd } from './crowd.ts';
import { analyse, type LaunchFigures, yieldSvg } from './report.ts';
import { runLaunch } from './run.ts';

export interface LaunchOptions {
  users: number;
  days: number;
  workers: number;
  faults: boolean;
  edgesPerUser?: number;
  horizonHours?: number;
  log?: (line: string) => void;
}

export interface LaunchResult extends LaunchFigures {
  database: string;
  wallSeconds: number;
  peakRssMB: number;
  databaseBytes: number | null;
}

/** One simulated launch on an open database; the figures and the curve's data. */
export async function simulateLaunch(database: Database, options: LaunchOptions) {
  const log = options.log ?? (() => {});
  const started = performance.now();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 500);
  try {
    const crowd = generateCrowd({
      ...DEFAULT_CROWD,
      ...(options.edgesPerUser ? { edgesPerUser: options.edgesPerUser } : {}),
      users: options.users,
      days: options.days,
    });
    log(`crowd: ${crowd.people.length} people, ${crowd.pdsHosts} PDS hosts, ${crowd.instances} instances`);
    const run = await runLaunch({
      database,
      crowd,
      faults: options.faults,
      workers: options.workers,
      horizonHours: options.horizonHours ?? Math.max(options.days * 24 * 4, 24 * 14),
      log,
    });
    const [stored] = await database.query<{ n: number }>('SELECT count(*)::float8 AS n FROM x_edges');
    const analysed = analyse(crowd, run, Number(stored?.n ?? 0));
    const size =
      database.kind === 'postgres'
        ? Number(
            (await database.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b'))[0]?.b,
          )
        : null;
    log(
      `wall: arrivals ${ms(run.wallMs.arrivals)}, batches ${ms(run.wallMs.batches)}, idle looks ${ms(run.wallMs.idle)}, events ${ms(run.wallMs.events)}`,
    );
    const t = run.arrivalTiming;
    log(
      `arrivals in ${run.arrivalSteps} steps: users ${ms(t.users)}, archives ${ms(t.edges)}, links ${ms(t.links)}, consents and fan-out ${ms(t.consentsAndFanOut)}`,
    );
    const result: LaunchResult = {
      ...analysed.figures,
      database: database.kind,
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
      peakRssMB: Math.round(peak / 2 ** 20),
      databaseBytes: size,
    };
    return { result, analysed };
  } finally {
    clearInterval(sampler);
  }
}

const ms = (n: number) => `${(n / 1000).toFixed(1)} s`;

async function main() {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '300' },
      days: { type: 'string', default: '3' },
      workers: { type: 'string', default: '4' },
      'edges-per-user': { type: 'string' },
      'no-faults': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
    },
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const { database, drop } = await openSimDatabase();
  try {
    const { result, analysed } = await simulateLaunch(database, {
      users: Number(values.users),
      days: Number(values.days),
      workers: Number(values.workers),
      faults: !values['no-faults'],
      edgesPerUser: values['edges-per-user'] ? Number(values['edges-per-user']) : undefined,
      log,
    });
    log(summary(result));
    if (values.write)
      writeReport(result, yieldSvg(analysed, `Launch: ${result.users} people on ${result.database}`));
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await database.close();
    await drop();
  }
}

async function openSimDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL)
    return { database: await openDatabase({ kind: 'pglite-memory' }), drop: async () => {} };
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;
  const { createScratchPostgres } = await import('../../test/support/databases.ts');
  const scratch = await createScratchPostgres();
  // A scratch database dropped afterwards: commits need not wait for the disk (the engine's
  // commits are as ordered as with it; only a crash of PostgreSQL itself would lose them).
  const url = new URL(scratch.url);
  url.searchParams.set('options', '-c synchronous_commit=off');
  return { database: await openDatabase({ kind: 'postgres', url: url.toString() }), drop: scratch.drop };
}

function summary(r: LaunchResult): string {
  return [
    `${r.users} people, ${r.edges} X edges stored, ${r.reconnectable} reconnectable, ${r.reconnected} made (yield ${r.yield.toFixed(4)})`,
    `lower bound ${r.lowerBoundHours} h; 99 % made at ${r.hoursTo99 ?? 'never'} h; yield at 1.10× the bound ${r.yieldAt110}`,
    `first follow after sign-up: p50 ${r.firstFollowP50Hours} h, p99 ${r.firstFollowP99Hours} h`,
    `lost ${r.lost}, doubled ${r.doubled}, unexpected 429 ${r.unexpected429}, extra ${r.extra}, still open ${r.openTasks}`,
    `faults: ${r.serverErrors} 5xx, ${r.expected429} storm 429s, ${r.revoked} tokens revoked (${r.reauthorised} came back), ${r.workersKilled} worker killed`,
    `wall ${r.wallSeconds} s, peak RSS ${r.peakRssMB} MB${r.databaseBytes ? `, database ${formatBytes(r.databaseBytes)}` : ''}`,
  ].join('\n');
}

function writeReport(r: LaunchResult, svg: string): void {
  const file = path.resolve(import.meta.dirname, `../charts/launch-${r.users}-${r.database}.svg`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, svg);
  const rel = path.relative(path.resolve(import.meta.dirname, '../..'), file);
  writeBenchmarkSection(
    `sim-launch-${r.users}-${r.database}`,
    `## Launch simulator: ${r.users.toLocaleString('en-US')} people on ${r.database}

{{stamp}}

\`npm run sim:launch -- --users ${r.users}\`: the real engine, fan-out and database against simulated
networks (documented limits, per-host limits, latency tail, faults) on a virtual clock.

| figure | value |
|---|---|
${Object.entries(r)
  .map(([k, v]) => `| ${k} | ${typeof v === 'number' ? v.toLocaleString('en-US') : String(v)} |`)
  .join('\n')}

![yield curve](${rel})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
