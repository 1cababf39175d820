// What the launch could at best achieve, from the crowd alone: the reconnectable edges (both ends
// present, the follower in automatic mode, the followed proven and discoverable, one network in
// common) and, for each, the earliest time any engine could make it under every documented limit
// (per account, per IP-limited host, a host's downtime, a token's pause). The lower bound of the
// whole launch is the latest of those times; the best-possible yield curve is their distribution.
import type { Crowd, Person } from './crowd.ts';

export interface Edge {
  platform: 'bluesky' | 'mastodon';
  follower: number;
  followed: number;
  /** The follower's account id there, and the task's target (DID or user@host). */
  account: string;
  target: string;
  /** When both ends are present (hours after activation; never before it). */
  releaseHours: number;
  /** The earliest it could be made (hours after activation). */
  earliestHours: number;
}

/** A pause in which an account or a host can make nothing (downtime, a revoked token, a storm). */
export interface Pause {
  fromHours: number;
  toHours: number;
}

export interface Limit {
  perWindow: number;
  hours: number;
}

/** Follows per window any engine could make: Bluesky 5,000 and 35,000 points (3 a follow). */
export const ACCOUNT_LIMITS: Record<Edge['platform'], Limit[]> = {
  bluesky: [
    { perWindow: Math.floor(5_000 / 3), hours: 1 },
    { perWindow: Math.floor(35_000 / 3), hours: 24 },
  ],
  // 400 follows a day; 300 requests per 5 minutes with a lookup and a follow each.
  mastodon: [
    { perWindow: 400, hours: 24 },
    { perWindow: 150, hours: 5 / 60 },
  ],
};
/** An IP-limited instance: 300 requests per 5 minutes for every account together. */
export const PER_IP_HOST_LIMIT: Limit = { perWindow: 150, hours: 5 / 60 };

export function accountOf(p: Person, platform: Edge['platform']): string | undefined {
  return platform === 'bluesky'
    ? p.bluesky?.did
    : p.mastodon
      ? `i${p.mastodon.instance}.sim:${p.index}`
      : undefined;
}
export function targetOf(p: Person, platform: Edge['platform']): string | undefined {
  return platform === 'bluesky' ? p.bluesky?.did : p.mastodon?.acct;
}

/** Hours after activation at which a person's follows may start. */
export const startHours = (p: Person) => Math.max(0, p.arrivalHours);

export function reconnectableEdges(crowd: Crowd, excluded: Set<string>): Edge[] {
  const edges: Edge[] = [];
  for (const a of crowd.people) {
    if (!a.autoFollow) continue;
    for (const bi of a.following) {
      const b = crowd.people[bi] as Person;
      if (!b.proven || !b.discoverable) continue;
      for (const platform of ['bluesky', 'mastodon'] as const) {
        const account = accountOf(a, platform);
        const target = targetOf(b, platform);
        if (!account || !target || excluded.has(`${platform}:${account}`)) continue;
        const releaseHours = Math.max(startHours(a), startHours(b));
        edges.push({
          platform,
          follower: a.index,
          followed: bi,
          account,
          target,
          releaseHours,
          earliestHours: 0,
        });
      }
    }
  }
  return edges;
}

/**
 * Earliest times for a sequence of follows sharing limits, in release order: the k-th can happen
 * no earlier than its release, the previous one, and a window after the (k - perWindow)-th; a
 * pause pushes it to the pause's end. Greedy earliest is optimal for one sequence.
 */
export function earliestTimes(releases: number[], limits: Limit[], pauses: Pause[] = []): number[] {
  const sorted = [...releases].sort((x, y) => x - y);
  const done: number[] = [];
  for (let k = 0; k < sorted.length; k++) {
    let t = Math.max(sorted[k] as number, k > 0 ? (done[k - 1] as number) : 0);
    for (const l of limits)
      if (k >= l.perWindow) t = Math.max(t, (done[k - l.perWindow] as number) + l.hours);
    for (const p of pauses) if (t >= p.fromHours && t < p.toHours) t = p.toHours;
    done.push(t);
  }
  return done;
}

export interface LowerBound {
  hours: number;
  /** Earliest time of every reconnectable edge, sorted: the best-possible yield curve. */
  curve: number[];
}

/** Per account (with its pauses) and per IP-limited host; the launch ends no sooner than either. */
export function lowerBound(
  crowd: Crowd,
  edges: Edge[],
  pausesOf: (platform: string, account: string, person: Person) => Pause[],
  limits: Record<Edge['platform'], Limit[]> = ACCOUNT_LIMITS,
): LowerBound {
  const byAccount = new Map<string, Edge[]>();
  const byHost = new Map<number, Edge[]>();
  for (const e of edges) {
    const key = `${e.platform}:${e.account}`;
    entry(byAccount, key, () => []).push(e);
    const instance = e.platform === 'mastodon' ? crowd.people[e.follower]?.mastodon?.instance : undefined;
    if (instance !== undefined && crowd.perIpInstances.has(instance)) {
      entry(byHost, instance, () => []).push(e);
    }
  }
  let hours = 0;
  const curve: number[] = [];
  for (const list of byAccount.values()) {
    const first = list[0] as Edge;
    const person = crowd.people[first.follower] as Person;
    list.sort((x, y) => x.releaseHours - y.releaseHours);
    const times = earliestTimes(
      list.map((e) => e.releaseHours),
      limits[first.platform],
      pausesOf(first.platform, first.account, person),
    );
    list.forEach((e, i) => {
      e.earliestHours = times[i] as number;
    });
    curve.push(...times);
    hours = Math.max(hours, times[times.length - 1] ?? 0);
  }
  for (const list of byHost.values()) {
    const times = earliestTimes(
      list.map((e) => e.releaseHours),
      [PER_IP_HOST_LIMIT],
    );
    hours = Math.max(hours, times[times.length - 1] ?? 0);
  }
  curve.sort((x, y) => x - y);
  return { hours, curve };
}

/** The p-th percentile (0..1) of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Share of `times` (sorted) at or before t. */
export function shareBy(sorted: number[], t: number, total: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return total === 0 ? 1 : lo / total;
}

/** The map's value for key, made and stored first when missing. */
export function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}
