// `npm run bench:import-memory`: peak memory of storing an archive with 6,000,000 followers (and
// 2,000 accounts followed), on PostgreSQL and on PGlite (a data folder), each run in a fresh
// process: the lists staged a chunk at a time from typed arrays (ours) beside the previous
// staging, which turned the whole sorted list into strings first. Writes its section of
// BENCHMARKS.md. A benchmark, not a test: figures, no assertions.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type IdList, IdListBuilder } from '../src/archive/id-list.ts';
import { openDatabase } from '../src/db/index.ts';
import { type IdBatches, importArchiveForOwner } from '../src/graph/ingest.ts';
import { sortHalvesAsText } from '../src/graph/sort-ids.ts';
import { formatBytes, writeBenchmarkSection } from './lib/report.ts';
import { scratchPostgres } from './lib/scratch-postgres.ts';

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 6_000_000);
const FOLLOWING = 2_000;

/** X-like ids: 19-digit snowflakes for most, 6 to 10 digits for the oldest accounts. */
function syntheticList(n: number, seed: number): IdList {
  const builder = new IdListBuilder();
  builder.reserve(n);
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  };
  while (builder.size < n) {
    const old = next() % 10 === 0;
    const id = old
      ? String(100_000 + (next() % 4_000_000_000))
      : `1${String(next() % 1_000_000_000).padStart(9, '0')}${String(next() % 1_000_000_000).padStart(9, '0')}`;
    builder.add(id);
  }
  return builder.build();
}

/** The previous staging: the whole sorted list as strings, handed out in slices. */
function wholeListAsStrings(list: IdList): IdBatches {
  const { hi, lo, fallback } = list.packed();
  const all = sortHalvesAsText(hi, lo, fallback);
  return {
    size: all.length,
    *batches(size: number) {
      for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
    },
  };
}

type Method = 'streamed' | 'strings';
type Run = { rssBeforeMiB: number; peakMiB: number; seconds: number; edges: number };

async function child(method: Method, target: string): Promise<void> {
  const following = syntheticList(FOLLOWING, 1);
  const followers = syntheticList(FOLLOWERS, 2);
  const rssBefore = process.memoryUsage().rss;
  const database = await openDatabase(
    target.startsWith('postgres') ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target },
  );
  const started = performance.now();
  const summary = await importArchiveForOwner(database, {
    owner: { accountId: '9200000001', username: 'bench', displayName: 'Bench' },
    following: method === 'streamed' ? following : wholeListAsStrings(following),
    followers: method === 'streamed' ? followers : wholeListAsStrings(followers),
    warnings: [],
    layout: 'expanded',
    source: 'zip',
  });
  const seconds = (performance.now() - started) / 1000;
  await database.close();
  const run: Run = {
    rssBeforeMiB: rssBefore / 2 ** 20,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    seconds,
    edges: summary.following + summary.followers,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

function runChild(method: Method, target: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [import.meta.filename, '--child', method, target], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}'))
        : reject(new Error(`exit ${code}`)),
    );
  });
}

async function parent(): Promise<void> {
  const rows: string[] = [];
  const mib = (n: number) => formatBytes(n * 2 ** 20);
  for (const database of ['PostgreSQL', 'PGlite'] as const) {
    for (const method of ['streamed', 'strings'] as const) {
      const scratch = database === 'PostgreSQL' ? await scratchPostgres() : null;
      const dir = scratch ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-import-memory-'));
      try {
        const run = await runChild(method, scratch?.url ?? (dir as string));
        const label =
          method === 'streamed' ? 'chunks from typed arrays (ours)' : 'whole list as strings (before)';
        rows.push(
          `| ${database} | ${label} | ${run.edges.toLocaleString('en')} | ${mib(run.rssBeforeMiB)} | **${mib(run.peakMiB)}** | ${mib(run.peakMiB - run.rssBeforeMiB)} | ${run.seconds.toFixed(1)} s |`,
        );
        process.stderr.write(
          `${database} ${method}: peak ${mib(run.peakMiB)}, ${run.seconds.toFixed(1)} s\n`,
        );
      } finally {
        await scratch?.drop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const body = `
## Storing a very large archive (\`npm run bench:import-memory\`)

{{stamp}}

One archive of ${FOLLOWERS.toLocaleString('en')} followers and ${FOLLOWING.toLocaleString('en')} accounts followed (synthetic
ids: 19-digit snowflakes, a tenth of 6 to 10 digits) stored by \`importArchiveForOwner\` (what
\`passerelle archive import\` does once the archive is read), each run in a fresh process. The lists
start as the reader leaves them (packed, 8 bytes an id); "before" hands the staging the whole
sorted list as strings, as it was done until now. Peak is the process's maximum resident set;
"lists" is the resident set once the lists are built, before storing. Load average when done:
${os
  .loadavg()
  .map((n) => n.toFixed(1))
  .join(' / ')} (2 cores, other work included).

| database | staging | edges | lists | peak RSS | peak − lists | time |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Lists past ${(50_000_000).toLocaleString('en')} ids are refused whole (\`ARCHIVE_TOO_LARGE\`) before anything is written.
`;
  writeBenchmarkSection('import-memory', body);
}

if (process.argv[2] === '--child') await child(process.argv[3] as Method, process.argv[4] as string);
else await parent();
