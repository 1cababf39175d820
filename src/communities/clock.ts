// What the worker runs on its clock for communities: the lists on the networks that are due, the
// "follow all members" plans of members who linked a network since, and the circles when the
// last detection is older than PASSERELLE_CIRCLES_HOURS (6 by default). Every step is idempotent.
import type { Database } from '../db/index.ts';
import { everyMinute } from '../directory/clock.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import type { Vault } from '../vault/vault.ts';
import { type CircleRun, computeCircles, lastCircleRun } from './circles.ts';
import { replanCommunity } from './follow-all.ts';
import { type ListsTick, RESYNC_MS, syncDueLists } from './network-lists.ts';

export interface CommunityTick {
  lists: ListsTick | null;
  replanned: number;
  circles: CircleRun | null;
}

export interface CommunityClockOptions {
  /** Without them, no list is written (no vault configured). */
  networks?: { vault: Vault; adapters: PlatformAdapter[] } | null;
  circlesEveryMs?: number;
  now?: Date;
}

export async function communityTick(
  database: Database,
  options: CommunityClockOptions = {},
): Promise<CommunityTick> {
  const now = options.now ?? new Date();
  const networks = options.networks;
  const lists = networks
    ? await syncDueLists(
        database,
        networks.vault,
        new Map(networks.adapters.map((a) => [a.platform, a])),
        now,
      )
    : null;
  let replanned = 0;
  const due = await database.query<{ id: string }>(
    `SELECT DISTINCT m.community_id AS id FROM community_members m
      WHERE m.state = 'joined' AND (m.follow_all OR m.mastodon_list)
        AND EXISTS (SELECT 1 FROM linked_accounts la JOIN users u ON u.id = la.user_id
                     JOIN community_members o ON o.x_id = u.x_account_id AND o.community_id = m.community_id
                    WHERE la.created_at > $1 AND o.state = 'joined')`,
    [new Date(now.getTime() - RESYNC_MS)],
  );
  for (const { id } of due) replanned += await replanCommunity(database, Number(id));
  const last = await lastCircleRun(database);
  const every = options.circlesEveryMs ?? 6 * 3_600_000;
  const circles = !last || now.getTime() - last.getTime() >= every ? await computeCircles(database) : null;
  return { lists, replanned, circles };
}

export function circlesEveryFromEnv(env: NodeJS.ProcessEnv): number {
  const hours = Number(env.PASSERELLE_CIRCLES_HOURS ?? 6);
  return (Number.isFinite(hours) && hours > 0 ? hours : 6) * 3_600_000;
}

/** Runs communityTick now and every minute (never two at once); the result stops it. */
export function startCommunityClock(
  database: Database,
  networks: CommunityClockOptions['networks'],
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<void> {
  const circlesEveryMs = circlesEveryFromEnv(env);
  return everyMinute('community', () => communityTick(database, { networks, circlesEveryMs }));
}

/** The vault and adapters the lists need, or null (and lists wait) when no vault is configured. */
export async function communityNetworksFromEnv(
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommunityClockOptions['networks']> {
  if (!env.PASSERELLE_VAULT_KEYS?.trim()) return null;
  const { vaultFromEnv } = await import('../vault/vault.ts');
  const { defaultAdapters } = await import('../reconnect/worker.ts');
  const vault = vaultFromEnv(env);
  return { vault, adapters: await defaultAdapters(database, vault, env) };
}
