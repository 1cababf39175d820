// `npm run bench:communities [-- --users N --edges N --famous N --universe N --samples N --no-write]`
// Circles on the bench:match population (bench/match-population.ts, scaled to stay within a few
// minutes): loading the follow graph between users, Louvain (graphology-communities-louvain)
// beside two naive methods (connected components, label propagation) in the same run — time,
// memory, clusters, modularity — then storing the circles and reading one person's circles.
// Results go to BENCHMARKS.md (own section). PostgreSQL only: PGlite is not where this runs at scale.
import { parseArgs } from 'node:util';
import { circlesOf, computeCircles, loadUserGraph } from '../src/communities/circles.ts';
import {
  adjustedRandIndex,
  connectedComponents,
  labelPropagation,
  louvainPartition,
  type Partition,
} from '../src/communities/detect.ts';
import { openDatabase } from '../src/db/index.ts';
import { plantedPartition } from '../test/communities/planted.ts';
import { formatBytes, writeBenchmarkSection } from './lib/report.ts';
import { scratchPostgres } from './lib/scratch-postgres.ts';
import { generatePopulation, type PopulationSpec } from './match-population.ts';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '20000' },
    edges: { type: 'string', default: '2000000' },
    famous: { type: 'string', default: '100000' },
    universe: { type: 'string', default: '500000' },
    samples: { type: 'string', default: '200' },
    'no-write': { type: 'boolean', default: false },
  },
});
const spec: PopulationSpec = {
  users: Number(args.users),
  edges: Number(args.edges),
  famousFollowers: Number(args.famous),
  universe: Number(args.universe),
  directoryShare: 0.3,
};
const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

interface Step {
  name: string;
  s: number;
  heapDelta: number;
  peakRss: number;
  partition?: Partition;
}

function measure(name: string, fn: () => Partition | undefined): Step {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const partition = fn();
  const s = seconds(t0);
  const step = { name, s, heapDelta: process.memoryUsage().heapUsed - heap0, peakRss: peakRss(), partition };
  log(
    `${name}: ${s.toFixed(2)} s, ${partition ? `${partition.count} clusters, Q=${partition.modularity.toFixed(3)}` : ''}`,
  );
  return step;
}

const scratch = await scratchPostgres();
const db = await openDatabase({ kind: 'postgres', url: scratch.url });
try {
  const t0 = process.hrtime.bigint();
  const population = await generatePopulation(db, spec, log);
  const generateS = seconds(t0);
  const tLoad = process.hrtime.bigint();
  const graph = await loadUserGraph(db);
  const loadS = seconds(tLoad);
  log(
    `graph: ${graph.edges.nodes} users, ${graph.edges.source.length} edges, loaded in ${loadS.toFixed(1)} s`,
  );
  const steps = [
    measure('connected components (naive)', () => connectedComponents(graph.edges)),
    measure('label propagation (naive)', () => labelPropagation(graph.edges)),
    measure('Louvain', () => louvainPartition(graph.edges)),
  ];
  const planted = { groups: 20, size: 300, rows: '' };
  const known = plantedPartition(planted.groups, planted.size, 0.1, 0.002);
  planted.rows = (
    [
      ['connected components', connectedComponents(known.edges)],
      ['label propagation', labelPropagation(known.edges)],
      ['Louvain', louvainPartition(known.edges)],
    ] as const
  )
    .map(
      ([name, p]) => `${name} ${adjustedRandIndex(known.planted, p.labels).toFixed(3)} (${p.count} clusters)`,
    )
    .join('; ');
  log(`planted: ${planted.rows}`);
  const tStore = process.hrtime.bigint();
  const run = await computeCircles(db);
  const storeS = seconds(tStore);
  const sample = population.fullUserIds.filter(
    (_, i) => i % Math.ceil(population.fullUserIds.length / Number(args.samples)) === 0,
  );
  const reads: number[] = [];
  for (const id of sample) {
    const t = process.hrtime.bigint();
    await circlesOf(db, id);
    reads.push(seconds(t) * 1000);
  }
  reads.sort((a, b) => a - b);
  const pct = (p: number) => reads[Math.min(reads.length - 1, Math.ceil((p / 100) * reads.length) - 1)] ?? 0;
  const sizes = (p?: Partition) => {
    if (!p) return '';
    const counts = new Map<number, number>();
    for (const l of p.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    return [...counts.values()].slice(0, 3).join(', ');
  };
  const rows = steps
    .map(
      (s) =>
        `| ${s.name} | ${s.s.toFixed(2)} | ${formatBytes(Math.max(0, s.heapDelta))} | ${formatBytes(s.peakRss)} | ${s.partition?.count ?? ''} | ${sizes(s.partition)} | ${s.partition?.modularity.toFixed(3) ?? ''} |`,
    )
    .join('\n');
  const body = `## Circles (\`npm run bench:communities\`)

{{stamp}}

Population of \`bench:match\`'s generator (bench/match-population.ts): ${spec.users.toLocaleString('en')} full users,
${spec.famousFollowers.toLocaleString('en')} light users following one famous account, ${population.edges.toLocaleString('en')} X edges
(universe ${spec.universe.toLocaleString('en')} X ids), generated in ${generateS.toFixed(0)} s on PostgreSQL. The follow graph between
users: **${graph.edges.nodes.toLocaleString('en')} users, ${graph.edges.source.length.toLocaleString('en')} undirected edges**, read from
PostgreSQL in ${loadS.toFixed(1)} s.

| method | time (s) | heap retained | peak RSS of the process | clusters | largest three | modularity |
|---|---|---|---|---|---|---|
${rows}

The generator draws follows at random (power law, Zipf-like targets, no groups), so this population
has no circles beyond its connected parts and every method finds the same clusters: the table
measures cost; the planted partition below measures quality.

Quality where the answer is known — a planted partition of ${planted.groups} groups × ${planted.size} nodes
(edge inside a group 10 %, across 0.2 %), adjusted Rand index against the planted groups:
${planted.rows}

The whole scheduled run (load, Louvain, store ${run.users.toLocaleString('en')} rows):
**${storeS.toFixed(1)} s**. One person's circles read from the stored clusters: p50 ${pct(50).toFixed(1)} ms,
p99 ${pct(99).toFixed(1)} ms over ${reads.length} users.

Scaled down from \`bench:match\`'s defaults (20,000,000 edges, 1,000,000 light users) to keep the
run within minutes: \`npm run bench:communities -- --edges 20000000 --famous 1000000 --universe 5000000\`
runs it at full size.
`;
  if (!args['no-write']) writeBenchmarkSection('communities', body);
  process.stdout.write(body);
} finally {
  await db.close();
  await scratch.drop();
}
