// The launch simulator's figures, from a run and the crowd: yield against the lower bound, time
// to the first follow, follows lost and doubled, unexpected 429s; and the yield curve as SVG.
import { lowerBound, type Pause, percentile, reconnectableEdges, shareBy, startHours } from './analysis.ts';
import type { Crowd, Person } from './crowd.ts';
import type { RunOutcome } from './run.ts';

export interface LaunchFigures {
  users: number;
  edges: number;
  reconnectable: number;
  reconnected: number;
  yield: number;
  simulatedHours: number;
  lowerBoundHours: number;
  /** Hours after activation at which 99 % of the reconnectable edges were made (null: never). */
  hoursTo99: number | null;
  yieldAt110: number;
  unexpected429: number;
  lost: number;
  doubled: number;
  firstFollowP50Hours: number;
  firstFollowP99Hours: number;
  /** Follows written beyond the reconnectable edges (none expected). */
  extra: number;
  openTasks: number;
  workersKilled: number;
  revoked: number;
  reauthorised: number;
  serverErrors: number;
  expected429: number;
}

export interface Analysed {
  figures: LaunchFigures;
  /** Sorted hours at which reconnectable edges were made, and the best possible. */
  made: number[];
  best: number[];
}

const HOUR = 3_600_000;

export function analyse(crowd: Crowd, run: RunOutcome, storedEdges: number): Analysed {
  // Accounts revoked and never re-authorised: their edges are not reconnectable.
  const gone = new Set([...run.revocations].filter(([, r]) => r.toHours === undefined).map(([k]) => k));
  const edges = reconnectableEdges(crowd, gone);
  const pausesOf = (platform: string, account: string, p: Person): Pause[] => {
    const pauses: Pause[] = [];
    const r = run.revocations.get(`${platform}:${account}`);
    if (r?.toHours !== undefined) pauses.push({ fromHours: r.fromHours, toHours: r.toHours });
    const down = run.faults.hostDown;
    if (down && platform === 'bluesky' && p.bluesky?.host === down.host)
      pauses.push({ fromHours: down.fromHours, toHours: down.fromHours + down.hours });
    const storm = run.faults.storm;
    if (storm && platform === 'mastodon' && p.mastodon?.instance === storm.instance)
      pauses.push({ fromHours: storm.fromHours, toHours: storm.fromHours + storm.hours });
    return pauses;
  };
  const bound = lowerBound(crowd, edges, pausesOf);
  const made: number[] = [];
  const firstByPerson = new Map<number, number>();
  const expected = new Set<string>();
  for (const e of edges) {
    const key = `${e.platform}:${e.account}>${e.target}`;
    expected.add(key);
    const at = run.world.firstWrite.get(key);
    if (at === undefined) continue;
    const hours = (at - run.activationMs) / HOUR;
    made.push(hours);
    const person = crowd.people[e.follower] as Person;
    const wait = hours - startHours(person);
    firstByPerson.set(e.follower, Math.min(firstByPerson.get(e.follower) ?? Infinity, wait));
  }
  made.sort((a, b) => a - b);
  const extra = [...run.world.firstWrite.keys()].filter((k) => !expected.has(k)).length;
  const waits = [...firstByPerson.values()].sort((a, b) => a - b);
  const total = edges.length;
  const i99 = Math.ceil(0.99 * total) - 1;
  const figures: LaunchFigures = {
    users: crowd.people.length,
    edges: storedEdges,
    reconnectable: total,
    reconnected: made.length,
    yield: total === 0 ? 1 : made.length / total,
    simulatedHours: round(run.endHours),
    lowerBoundHours: round(bound.hours),
    hoursTo99: total === 0 ? 0 : made.length > i99 ? round(made[i99] as number) : null,
    yieldAt110: round(shareBy(made, bound.hours * 1.1 + 1e-9, total), 4),
    unexpected429: run.world.stats.unexpected429,
    lost: Math.max(0, total - made.length - run.openTasks),
    doubled: run.world.stats.doubled,
    firstFollowP50Hours: round(percentile(waits, 0.5)),
    firstFollowP99Hours: round(percentile(waits, 0.99)),
    extra,
    openTasks: run.openTasks,
    workersKilled: run.workersKilled,
    revoked: run.revocations.size,
    reauthorised: [...run.revocations.values()].filter((r) => r.toHours !== undefined).length,
    serverErrors: run.world.stats.serverErrors,
    expected429: run.world.stats.expected429,
  };
  return { figures, made, best: bound.curve };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The yield curve against the best possible one, as a small standalone SVG. */
export function yieldSvg(a: Analysed, title: string): string {
  const W = 720;
  const H = 360;
  const pad = { l: 56, r: 16, t: 32, b: 44 };
  const total = a.figures.reconnectable;
  const maxX = Math.max(1, a.made.at(-1) ?? 0, a.best.at(-1) ?? 0, a.figures.lowerBoundHours * 1.1);
  const x = (h: number) => pad.l + (Math.max(0, h) / maxX) * (W - pad.l - pad.r);
  const y = (share: number) => H - pad.b - share * (H - pad.t - pad.b);
  const path = (times: number[]) => {
    const steps = 200;
    const pts: string[] = [];
    for (let i = 0; i <= steps; i++) {
      const h = (i / steps) * maxX;
      pts.push(`${x(h).toFixed(1)},${y(shareBy(times, h, total)).toFixed(1)}`);
    }
    return `M${pts.join('L')}`;
  };
  const lb = x(a.figures.lowerBoundHours);
  const ticks = Array.from({ length: 6 }, (_, i) => (i / 5) * maxX);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<title>${title}: share of the reconnectable follows made, hour by hour, beside the lower bound</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${pad.l}" y="20" font-size="14">${title}</text>
<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#333"/>
<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="#333"/>
${ticks.map((h) => `<text x="${x(h)}" y="${H - pad.b + 16}" text-anchor="middle">${h.toFixed(0)} h</text>`).join('\n')}
${[0, 0.5, 0.99].map((s) => `<text x="${pad.l - 6}" y="${y(s) + 4}" text-anchor="end">${s}</text><line x1="${pad.l}" x2="${W - pad.r}" y1="${y(s)}" y2="${y(s)}" stroke="#ddd"/>`).join('\n')}
<line x1="${lb}" x2="${lb}" y1="${pad.t}" y2="${H - pad.b}" stroke="#c33" stroke-dasharray="4 3"/>
<text x="${lb + 4}" y="${pad.t + 12}" fill="#c33">lower bound ${a.figures.lowerBoundHours} h</text>
<path d="${path(a.best)}" fill="none" stroke="#999" stroke-width="2" stroke-dasharray="6 4"/>
<path d="${path(a.made)}" fill="none" stroke="#1565c0" stroke-width="2"/>
<text x="${W - pad.r}" y="${H - 8}" text-anchor="end">hours after activation — blue: follows made; grey: best possible</text>
</svg>
`;
}
