// The launch-day crowd, generated from a seed: who arrives when, on which networks and hosts, with
// which consents, and the X follow graph between them (power-law out-degrees, Zipf popularity)
// plus edges to X accounts outside the crowd. Pure data: nothing here touches the database.
import { createRandom } from '../gen/ids.ts';

export interface CrowdSpec {
  users: number;
  /** Simulated days after the activation moment during which the tail of the crowd arrives. */
  days: number;
  /** Mean X edges per person (following + followers), inside and outside the crowd. */
  edgesPerUser: number;
  /** Share of a person's following that points at other people of the crowd. */
  insideShare: number;
  /** Share of the crowd registered before the activation moment (their follows wait for it). */
  preRegistered: number;
  seed: number;
}

export const DEFAULT_CROWD: Omit<CrowdSpec, 'users' | 'days'> = {
  edgesPerUser: 1_350, // HelloQuitteX: ~23M possible connections for ~17,000 people
  insideShare: 0.3,
  preRegistered: 0.7,
  seed: 20_250_120,
};

export interface Person {
  index: number;
  xId: string;
  /** Hours after the activation moment (negative: registered before it). */
  arrivalHours: number;
  bluesky?: { did: string; host: number };
  mastodon?: { acct: string; instance: number };
  proven: boolean;
  discoverable: boolean;
  autoFollow: boolean;
  /** Indexes of crowd members this person followed on X. */
  following: number[];
  /** Following edges to X ids outside the crowd, and followers from outside. */
  outsideFollowing: number;
  outsideFollowers: number;
}

export interface Crowd {
  spec: CrowdSpec;
  people: Person[];
  pdsHosts: number;
  instances: number;
  /** Instances that limit per IP over every endpoint (GoToSocial-like): one budget for all. */
  perIpInstances: Set<number>;
}

/** The seeded generator of the synthetic archives: the same crowd for one seed. */
export const rng = createRandom;

const X_BASE = 1_500_000_000_000_000_000n; // 19 digits, beyond 2^53 like recent X ids

/** A Zipf sampler over 0..n-1 (rank 0 most popular) by inverse CDF on a precomputed table. */
function zipf(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cdf[i] = sum;
  }
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Pareto-distributed count with the given mean (shape 2.2: heavy tail, finite mean), capped. */
function powerLawCount(mean: number, random: () => number, cap: number): number {
  const shape = 2.2;
  const min = (mean * (shape - 1)) / shape;
  return Math.min(cap, Math.floor(min / (1 - random()) ** (1 / shape)));
}

/** Arrival: pre-registered people up to a week before; the rest on a decaying tail after. */
function arrivalHours(spec: CrowdSpec, random: () => number): number {
  if (random() < spec.preRegistered) return -random() * 7 * 24;
  const meanHours = (spec.days * 24) / 4;
  return Math.min(spec.days * 24 - 1, -Math.log(1 - random()) * meanHours);
}

export function generateCrowd(spec: CrowdSpec): Crowd {
  const random = rng(spec.seed);
  const pdsHosts = Math.max(1, Math.ceil(spec.users / 2_000));
  const instances = Math.max(3, Math.min(300, Math.ceil(spec.users / 5)));
  const pickInstance = zipf(instances, 1.1, random);
  const pickPopular = zipf(spec.users, 0.9, random);
  const perIpInstances = new Set<number>();
  for (let i = 0; i < instances; i++) if (i % 5 === 2) perIpInstances.add(i);

  const people: Person[] = [];
  for (let index = 0; index < spec.users; index++) {
    const network = random();
    const person: Person = {
      index,
      xId: (X_BASE + BigInt(index) * 7919n).toString(),
      arrivalHours: arrivalHours(spec, random),
      proven: random() < 0.85,
      discoverable: random() < 0.9,
      autoFollow: random() < 0.75,
      following: [],
      outsideFollowing: 0,
      outsideFollowers: 0,
    };
    if (network < 0.6 || network >= 0.9)
      person.bluesky = { did: `did:plc:sim${index.toString(36)}`, host: index % pdsHosts };
    if (network >= 0.6) {
      const instance = pickInstance();
      person.mastodon = { acct: `u${index}@i${instance}.sim`, instance };
    }
    const following = powerLawCount(spec.edgesPerUser * 0.4, random, 20_000);
    const inside = new Set<number>();
    const wantInside = Math.min(spec.users - 1, Math.round(following * spec.insideShare));
    for (let tries = 0; inside.size < wantInside && tries < wantInside * 4; tries++) {
      const target = pickPopular();
      if (target !== index) inside.add(target);
    }
    person.following = [...inside];
    person.outsideFollowing = following - inside.size;
    person.outsideFollowers = powerLawCount(spec.edgesPerUser * 0.6, random, 200_000);
    people.push(person);
  }
  return { spec, people, pdsHosts, instances, perIpInstances };
}

/** Followers inside the crowd: the reverse of everyone's following (archives agree both ways). */
export function insideFollowers(crowd: Crowd): number[][] {
  const followers: number[][] = crowd.people.map(() => []);
  for (const p of crowd.people) for (const t of p.following) followers[t]?.push(p.index);
  return followers;
}

/** An X id outside the crowd, stable per (person, k). */
export function outsideXId(person: number, k: number, direction: 1 | 2): string {
  return (X_BASE * 3n + BigInt(person) * 1_000_003n * 2n + BigInt(k) * 2n + BigInt(direction)).toString();
}
