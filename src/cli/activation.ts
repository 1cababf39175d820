// `passerelle activation set WHEN | show | clear`: the moment every automatic-mode user's follows start.
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import {
  type Activation,
  ActivationInputError,
  clearActivation,
  getActivation,
  parseActivationTime,
  releaseActivationIfDue,
  STARTS_AT_ACTIVATION,
  setActivation,
} from '../directory/activation.ts';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, processIo, runWithDatabase } from './directory.ts';

export function registerActivationCommands(program: Command): void {
  const activation = program
    .command('activation')
    .description('Activation day: before it users prepare; at it their automatic follows start');
  activation
    .command('set')
    .description('Set activation day (ISO 8601 with a time zone, e.g. 2026-12-01T09:00:00+01:00)')
    .argument('<when>', 'date and time with a time zone')
    .action(async (when: string) => {
      await runWithDatabase((database) => activationCommand(database, 'set', when));
    });
  activation
    .command('show')
    .description('Show activation day and whether it was released')
    .action(async () => {
      await runWithDatabase((database) => activationCommand(database, 'show'));
    });
  activation
    .command('clear')
    .description('Remove activation day; what was held is released now')
    .action(async () => {
      await runWithDatabase((database) => activationCommand(database, 'clear'));
    });
}

export async function activationCommand(
  database: Database,
  action: 'set' | 'show' | 'clear',
  when?: string,
  io: CliIo = processIo,
  now: Date = new Date(),
): Promise<number> {
  if (action === 'set') {
    let at: Date;
    try {
      at = parseActivationTime(when ?? '');
    } catch (err) {
      if (!(err instanceof ActivationInputError)) throw err;
      io.err(`passerelle: ${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const before = await getActivation(database);
    await setActivation(database, at, now);
    // A moment already past is released at once rather than at the worker's next tick.
    const released = await releaseActivationIfDue(database, now);
    const after = (await getActivation(database)) as Activation;
    io.out(
      `Activation day set to ${at.toISOString()}. ${await afterSet(database, before, after, released, now)}\n`,
    );
    return EXIT_OK;
  }
  if (action === 'clear') {
    const before = await getActivation(database);
    const released = await clearActivation(database, now);
    io.out(
      !before
        ? 'No activation day was set; nothing changed.\n'
        : `Activation day ${before.activatesAt.toISOString()} cleared; ${released} held follows released.\n`,
    );
    return EXIT_OK;
  }
  io.out(`${await describeActivation(database, await getActivation(database), now)}\n`);
  return EXIT_OK;
}

/** What is true right after a set: released just now, released before, or held until then. */
async function afterSet(
  database: Database,
  before: Activation | null,
  after: Activation,
  released: number | null,
  now: Date,
): Promise<string> {
  if (released !== null)
    return `That moment has come: releasing now, ${released} held follows released within the platforms' budgets.`;
  if (after.releasedAt)
    return `It was already released at ${after.releasedAt.toISOString()}: nothing waits, follows start as soon as they are planned.`;
  const held = await heldCount(database);
  const earlier = before?.releasedAt
    ? ` The follows released at ${before.releasedAt.toISOString()} go on; new ones wait.`
    : '';
  return `In ${timeLeft(after.activatesAt, now)}. Until then, new follows wait (${held} held now).${earlier}`;
}

async function describeActivation(database: Database, activation: Activation | null, now: Date) {
  if (!activation) return 'No activation day: follows start as soon as they are planned.';
  const at = activation.activatesAt.toISOString();
  if (activation.releasedAt)
    return `Activation day ${at}, released at ${activation.releasedAt.toISOString()}: follows start as soon as they are planned.`;
  const held = await heldCount(database);
  if (activation.activatesAt > now)
    return `Activation day ${at}, in ${timeLeft(activation.activatesAt, now)}: ${held} follows held until then.`;
  return `Activation day ${at} has come but is not released yet: ${held} follows held; the next tick of passerelle worker (or serve) releases them.`;
}

/** Held follows that the release will start (not those paused by automatic mode off). */
async function heldCount(database: Database): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM follow_tasks t WHERE ${STARTS_AT_ACTIVATION}`,
  );
  return row?.n ?? 0;
}

/** "3 days 4 h", "2 h 5 min", "40 s": how far the moment is. */
export function timeLeft(at: Date, now: Date): string {
  const s = Math.max(0, Math.round((at.getTime() - now.getTime()) / 1000));
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60)];
  if (d > 0) return `${d} day${d === 1 ? '' : 's'}${h ? ` ${h} h` : ''}`;
  if (h > 0) return `${h} h${m ? ` ${m} min` : ''}`;
  return m > 0 ? `${m} min` : `${s} s`;
}
