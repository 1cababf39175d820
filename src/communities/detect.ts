// Circles: clusters of the follow graph between Passerelle's users, found with Louvain
// (graphology-communities-louvain). The graph comes in as parallel arrays of node indexes (an
// X follow in either direction makes one undirected edge; both directions weigh 2). The naive
// methods beside it (connected components, label propagation) are for the benchmark's comparison.
import { createRequire } from 'node:module';
import { UndirectedGraph } from 'graphology';
import type louvainModule from 'graphology-communities-louvain';

// A CommonJS module whose typings describe an ES default export: loaded as CommonJS.
const louvain = createRequire(import.meta.url)(
  'graphology-communities-louvain',
) as typeof louvainModule.default;

export interface EdgeList {
  /** Nodes are 0 … nodes-1. */
  nodes: number;
  source: Int32Array;
  target: Int32Array;
  weight?: Float64Array;
}

export interface Partition {
  /** Cluster of each node, numbered 0 … count-1 (largest first). */
  labels: Int32Array;
  count: number;
  modularity: number;
}

/** Deterministic random numbers (mulberry32): the same graph gives the same circles. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function louvainPartition(edges: EdgeList, seed = 42): Partition {
  const graph = new UndirectedGraph<Record<string, never>, { weight: number }>({ allowSelfLoops: false });
  for (let i = 0; i < edges.nodes; i++) graph.addNode(i);
  for (let i = 0; i < edges.source.length; i++) {
    const s = edges.source[i] as number;
    const t = edges.target[i] as number;
    if (s === t) continue;
    const w = edges.weight?.[i] ?? 1;
    const existing = graph.edge(s, t);
    if (existing === undefined) graph.addUndirectedEdge(s, t, { weight: w });
    else graph.updateEdgeAttribute(existing, 'weight', (old) => (old ?? 0) + w);
  }
  const result = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: seededRandom(seed) });
  const raw = new Int32Array(edges.nodes);
  for (let i = 0; i < edges.nodes; i++) raw[i] = result.communities[String(i)] ?? 0;
  return { ...renumberBySize(raw), modularity: result.modularity };
}

/** Labels renumbered 0 … k-1, largest cluster first. */
function renumberBySize(raw: Int32Array): { labels: Int32Array; count: number } {
  const sizes = new Map<number, number>();
  for (const l of raw) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([l]) => l);
  const rank = new Map(order.map((l, i) => [l, i]));
  return { labels: raw.map((l) => rank.get(l) ?? 0), count: order.length };
}

/** Adds `by` to one slot of a typed array. */
function bump(array: Int32Array, i: number, by = 1): void {
  array[i] = (array[i] ?? 0) + by;
}

/** Compressed adjacency (CSR) of the undirected graph, weights summed. */
function adjacency(edges: EdgeList): { offsets: Int32Array; neighbours: Int32Array; weights: Float64Array } {
  const offsets = new Int32Array(edges.nodes + 1);
  for (let i = 0; i < edges.source.length; i++) {
    bump(offsets, (edges.source[i] as number) + 1);
    bump(offsets, (edges.target[i] as number) + 1);
  }
  for (let i = 1; i <= edges.nodes; i++) bump(offsets, i, offsets[i - 1] as number);
  const fill = offsets.slice(0, edges.nodes);
  const neighbours = new Int32Array(edges.source.length * 2);
  const weights = new Float64Array(edges.source.length * 2);
  const put = (from: number, to: number, w: number) => {
    const at = fill[from] as number;
    neighbours[at] = to;
    weights[at] = w;
    fill[from] = at + 1;
  };
  for (let i = 0; i < edges.source.length; i++) {
    const w = edges.weight?.[i] ?? 1;
    put(edges.source[i] as number, edges.target[i] as number, w);
    put(edges.target[i] as number, edges.source[i] as number, w);
  }
  return { offsets, neighbours, weights };
}

/** Naive: connected components (union-find). */
export function connectedComponents(edges: EdgeList): Partition {
  const parent = new Int32Array(edges.nodes).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  for (let i = 0; i < edges.source.length; i++) {
    const a = find(edges.source[i] as number);
    const b = find(edges.target[i] as number);
    if (a !== b) parent[a] = b;
  }
  const raw = new Int32Array(edges.nodes).map((_, i) => find(i));
  const { labels, count } = renumberBySize(raw);
  return { labels, count, modularity: modularity(edges, labels) };
}

/** Naive: synchronous-free label propagation (each node takes its neighbours' heaviest label). */
export function labelPropagation(edges: EdgeList, seed = 42, rounds = 20): Partition {
  const { offsets, neighbours, weights } = adjacency(edges);
  const labels = new Int32Array(edges.nodes).map((_, i) => i);
  const order = new Int32Array(edges.nodes).map((_, i) => i);
  const random = seededRandom(seed);
  const score = new Map<number, number>();
  for (let round = 0; round < rounds; round++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let changed = 0;
    for (const node of order) {
      score.clear();
      for (let k = offsets[node] as number; k < (offsets[node + 1] as number); k++) {
        const l = labels[neighbours[k] as number] as number;
        score.set(l, (score.get(l) ?? 0) + (weights[k] as number));
      }
      let best = labels[node] as number;
      let bestScore = score.get(best) ?? 0;
      for (const [l, s] of score)
        if (s > bestScore || (s === bestScore && l < best)) {
          best = l;
          bestScore = s;
        }
      if (best !== labels[node]) {
        labels[node] = best;
        changed += 1;
      }
    }
    if (changed === 0) break;
  }
  const renumbered = renumberBySize(labels);
  return { ...renumbered, modularity: modularity(edges, renumbered.labels) };
}

/** Newman's modularity of a partition of the undirected weighted graph. */
export function modularity(edges: EdgeList, labels: Int32Array): number {
  let total = 0;
  let inside = 0;
  const strength = new Map<number, number>();
  for (let i = 0; i < edges.source.length; i++) {
    const s = edges.source[i] as number;
    const t = edges.target[i] as number;
    if (s === t) continue;
    const w = edges.weight?.[i] ?? 1;
    total += w;
    const ls = labels[s] as number;
    const lt = labels[t] as number;
    if (ls === lt) inside += w;
    strength.set(ls, (strength.get(ls) ?? 0) + w);
    strength.set(lt, (strength.get(lt) ?? 0) + w);
  }
  if (total === 0) return 0;
  let expected = 0;
  for (const s of strength.values()) expected += (s / (2 * total)) ** 2;
  return inside / total - expected;
}

/** Adjusted Rand index of two labelings of the same nodes (1: identical up to renaming). */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    cells.set(`${x}:${y}`, (cells.get(`${x}:${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  let index = 0;
  for (const c of cells.values()) index += pairs(c);
  let sumRows = 0;
  for (const r of rows.values()) sumRows += pairs(r);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += pairs(c);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
