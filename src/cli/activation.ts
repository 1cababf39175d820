// `passerelle activation set WHEN | show | clear`: the moment every automatic-mode user's follows start.
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import {
  ActivationInputError,
  clearActivation,
  getActivation,
  parseActivationTime,
  releaseActivationIfDue,
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
    await setActivation(database, at);
    // A moment already past is released at once rather than at the worker's next tick.
    const released = await releaseActivationIfDue(database, now);
    io.out(
      released === null
        ? `Activation day set to ${at.toISOString()}. Until then, automatic follows wait.\n`
        : `Activation day set to ${at.toISOString()}, already past: ${released} waiting follows released.\n`,
    );
    return EXIT_OK;
  }
  if (action === 'clear') {
    const released = await clearActivation(database, now);
    io.out(`Activation day cleared; ${released} waiting follows released.\n`);
    return EXIT_OK;
  }
  const activation = await getActivation(database);
  if (!activation) io.out('No activation day: follows start as soon as they are planned.\n');
  else if (activation.releasedAt) {
    io.out(
      `Activation day ${activation.activatesAt.toISOString()}, released at ${activation.releasedAt.toISOString()}.\n`,
    );
  } else {
    const [row] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM follow_tasks WHERE state = 'held'`,
    );
    io.out(
      `Activation day ${activation.activatesAt.toISOString()}, not yet: ${row?.n ?? 0} follows waiting.\n`,
    );
  }
  return EXIT_OK;
}
