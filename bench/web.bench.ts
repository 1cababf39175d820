// bench:web — the landing page and the stats API under a fixed 500 requests/s from autocannon
// (target: p99 < 50 ms on 2 cores), and the gzipped size of the JS the first page loads
// (target: < 150 KB). Results go to BENCHMARKS.md between <!-- bench:web --> markers.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { ensureUiBuilt, UI_DIST } from '../src/ui/build.ts';
import { formatBytes, writeBenchmarkSection } from './lib/report.ts';

type Histogram = { p50: number; p90: number; p99: number; max: number; average: number };
type Result = {
  latency: Histogram;
  requests: { average: number; total: number };
  errors: number;
  non2xx: number;
};
type Autocannon = (opts: Record<string, unknown>) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const RATE = Number(process.env.BENCH_RATE ?? 500);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);

/** The JS files index.html loads before the first page can render (entry + modulepreloads). */
function firstPageJs(): { files: string[]; raw: number; gzip: number } {
  const html = readFileSync(path.join(UI_DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(UI_DIST, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

async function startServer(): Promise<{ url: string; users: number; stop(): void }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'web-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const { port, users } = JSON.parse(line) as { port: number; users: number };
  return { url: `http://127.0.0.1:${port}`, users, stop: () => child.kill('SIGTERM') };
}

const ROUTES = [
  ['landing page `/`', '/'],
  ['stats API `/api/stats`', '/api/stats'],
] as const;

/** Warm-up of every route first (JIT, caches, the heap after seeding), then the measured runs. */
async function warmUp(base: string): Promise<void> {
  for (const [, route] of ROUTES)
    await autocannon({ url: `${base}${route}`, connections: 50, duration: 8, overallRate: RATE });
}

function load(url: string): Promise<Result> {
  return autocannon({ url, connections: 50, duration: DURATION, overallRate: RATE });
}

ensureUiBuilt();
const js = firstPageJs();
const server = await startServer();
const rows: string[] = [];
try {
  await warmUp(server.url);
  for (const [name, route] of ROUTES) {
    const r = await load(`${server.url}${route}`);
    const verdict = r.latency.p99 < 50 ? 'yes' : 'no';
    rows.push(
      `| ${name} | ${RATE} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p99} | ${r.latency.max} | ${r.errors + r.non2xx} | ${verdict} |`,
    );
    process.stderr.write(`${route}: p99 ${r.latency.p99} ms at ${r.requests.average.toFixed(0)} req/s\n`);
  }
} finally {
  server.stop();
}
const loadAverage = os
  .loadavg()
  .map((n) => n.toFixed(1))
  .join(' / ');

const body = `
## Web (\`npm run bench:web\`)

{{stamp}}

Server: \`createApp\` on an in-memory PGlite seeded with ${server.users.toLocaleString('en')} users (half with an
archive), in its own process; load from autocannon in another, 50 connections at a fixed ${RATE} requests/s for
${DURATION} s each, after an 8 s warm-up of every route at the same rate. Target: p99 < 50 ms. Latencies in ms.
Load average of the machine when the runs ended (other processes included): ${loadAverage}.

| route | target req/s | measured req/s | p50 | p90 | p99 | max | errors | p99 < 50 ms |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

First page JS (entry + module preloads from \`dist/ui/index.html\`, gzip -9): **${formatBytes(js.gzip)}**
(${formatBytes(js.raw)} raw, ${js.files.length} files; target < 150 KB). Other pages load lazily; zip.js only on
the archive page, uPlot only on the statistics page.
`;
writeBenchmarkSection('web', body);
process.stderr.write(`first page JS: ${formatBytes(js.gzip)} gzipped\n`);
