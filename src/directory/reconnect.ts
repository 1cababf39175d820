// "Reconnect all": what the web's button and the operator's `passerelle reconnect` do. Every
// suggested match on the user's linked networks becomes a follow task — the people they followed
// on X, and the people who followed them only with the follow-back consent — and follows paused
// by automatic mode off go on. All of them start now, or at activation day if it has not come:
// asking is consent, so the switch-on releases them in manual mode too.
import type { Database } from '../db/index.ts';
import { planListed, resumeHeld } from '../reconnect/tasks.ts';
import { newTaskState } from './activation.ts';
import { getConsents } from './consent.ts';
import { type Match, matchesForUser } from './matching.ts';

export async function reconnectAll(
  database: Database,
  userId: number,
  options: { network?: string; alsoAmong?: readonly Match[] } = {},
): Promise<number> {
  const { followBack } = await getConsents(database, userId);
  const wanted = [...(await matchesForUser(database, userId)), ...(options.alsoAmong ?? [])].filter(
    (m) =>
      (!options.network || m.platform === options.network) &&
      m.status === 'proposed' &&
      (followBack || m.reason !== 'follower'),
  );
  return database.transaction(async (tx) => {
    const state = await newTaskState(tx);
    const planned = await planListed(tx, userId, wanted, state);
    return planned + (await resumeHeld(tx, userId, state, options.network ? [options.network] : undefined));
  });
}
