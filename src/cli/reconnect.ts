// `passerelle reconnect --x-id ID [--auto] [--follow-back] [--blocks]`: the operator's "reconnect
// all" for a person, with their consents given by the operator (kept as such in the consent
// history). `--blocks` carries their X blocks over as blocks (public on Bluesky) and their mutes as mutes.
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import { getActivation } from '../directory/activation.ts';
import { type Consents, setConsents } from '../directory/consent.ts';
import { reconnectAll } from '../directory/reconnect.ts';
import { isNetwork, networkNamesText } from '../platforms/registry.ts';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, processIo, runWithDatabase, userForXId } from './directory.ts';

export interface ReconnectOptions {
  xId: string;
  auto?: boolean;
  followBack?: boolean;
  blocks?: boolean;
  network?: string;
  json?: boolean;
}

export function registerReconnectCommand(program: Command): void {
  program
    .command('reconnect')
    .description(
      'Follow, on the networks a person linked, everyone they followed on X who is here (the web\'s "reconnect all")',
    )
    .requiredOption('--x-id <id>', 'their X account id')
    .option('--auto', 'turn automatic mode on: follow the people they followed on X as they arrive')
    .option('--follow-back', 'also follow back the people who followed them on X (off by default)')
    .option(
      '--blocks',
      'carry their X blocks over as blocks (public on Bluesky) and their X mutes as mutes (off by default)',
    )
    .option('--network <name>', `only this network (${networkNamesText()})`)
    .option('--json', 'print one JSON object')
    .action(async (opts: ReconnectOptions) => {
      await runWithDatabase((database) => reconnectCommand(database, opts));
    });
}

export async function reconnectCommand(
  database: Database,
  opts: ReconnectOptions,
  io: CliIo = processIo,
): Promise<number> {
  if (opts.network !== undefined && !isNetwork(opts.network)) {
    io.err(`passerelle: --network must be ${networkNamesText()} (got "${opts.network.slice(0, 40)}").\n`);
    return EXIT_BAD_INPUT;
  }
  const user = await userForXId(database, opts.xId, io);
  if (!user) return EXIT_BAD_INPUT;
  const linked = (
    await database.query<{ platform: string }>(
      `SELECT platform FROM linked_accounts WHERE user_id = $1 AND status = 'active' ORDER BY platform`,
      [user.id],
    )
  ).map((r) => r.platform);
  if (!linked.some((p) => !opts.network || p === opts.network)) {
    io.err(
      `passerelle: X id ${opts.xId} has no linked ${opts.network ?? 'network'} account to follow from. ` +
        `Link one first: passerelle link bluesky --x-id ${opts.xId} …\n`,
    );
    return EXIT_BAD_INPUT;
  }
  const given: Partial<Consents> = {
    ...(opts.auto ? { autoFollow: true } : {}),
    ...(opts.followBack ? { followBack: true } : {}),
    ...(opts.blocks ? { carrySafety: true, blocksAsMutes: false } : {}),
  };
  const consents = await setConsents(database, user.id, given, 'operator');
  const queued = await reconnectAll(database, user.id, { network: opts.network });
  const safety = await carriedOver(database, user.id);
  const result = { xId: opts.xId, userId: user.id, linked, consents, queued, safety };
  if (opts.json) {
    io.out(`${JSON.stringify(result)}\n`);
    return EXIT_OK;
  }
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  const activation = await getActivation(database);
  const held = activation && !activation.releasedAt ? activation.activatesAt.toISOString() : null;
  io.out(
    `X id ${opts.xId} (user #${user.id}), linked on ${linked.join(', ')}: ` +
      `${queued} follows ${held ? 'planned, held for activation day' : 'queued'}; ` +
      `automatic mode ${onOff(consents.autoFollow)}, follow-back ${onOff(consents.followBack)}` +
      (consents.carrySafety
        ? `, X blocks and mutes carried over: ${safety.block} blocks and ${safety.mute} mutes planned or made`
        : '') +
      `${Object.keys(given).length ? ' (given by the operator, kept in their consent history)' : ''}. ` +
      `${nextStep(held)}\n`,
  );
  return EXIT_OK;
}

/** Blocks and mutes carried over for the user, planned or made (not the ones refused or failed). */
async function carriedOver(database: Database, userId: number): Promise<{ block: number; mute: number }> {
  const rows = await database.query<{ kind: 'block' | 'mute'; n: number }>(
    `SELECT kind, count(*)::int AS n FROM follow_tasks
      WHERE user_id = $1 AND kind IN ('block', 'mute') AND state NOT IN ('failed', 'unavailable', 'dismissed')
      GROUP BY kind`,
    [userId],
  );
  const of = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
  return { block: of('block'), mute: of('mute') };
}

/** What makes the follows happen: the worker now, or activation day's release (in either mode). */
function nextStep(heldUntil: string | null): string {
  if (!heldUntil) return 'Run passerelle worker (or serve) to make them.';
  return `They start at ${heldUntil}, when passerelle worker (or serve) releases them.`;
}
