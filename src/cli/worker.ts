// `passerelle worker [--until-idle] [--max-seconds N]`: follows on users' behalf. Run any number
// of them against PostgreSQL; `--until-idle` serves what is due now and exits (tests, cron), within
// a bound it prints: at the bound it stops claiming, gives back the batch under way, and says what
// is left (due, in flight under a lease and until when, waiting, held).
import type { Command } from 'commander';
import { communityNetworksFromEnv, communityTick, startCommunityClock } from '../communities/clock.ts';
import { databaseConfigFromEnv } from '../db/config.ts';
import { openDatabase } from '../db/index.ts';
import { directoryTick, startDirectoryClock } from '../directory/clock.ts';
import { digestFromEnv } from '../directory/digest.ts';
import { type QueueAfterRun, queueAfterRun } from '../reconnect/store.ts';
import { engineFromEnv, runThroughOutages } from '../reconnect/worker.ts';
import { EXIT_BAD_INPUT } from './errors.ts';
import { announceEmbeddedVaultKey } from './vault-key.ts';

/** --until-idle's bound without --max-seconds: under a 5-minute cron period, so runs never overlap. */
export const DEFAULT_UNTIL_IDLE_SECONDS = 240;

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Make the planned follows, within every rate limit (needs PASSERELLE_VAULT_KEYS)')
    .option('--until-idle', 'serve what is due now, then exit')
    .option(
      '--max-seconds <n>',
      `stop after N seconds, giving back what is in flight (default ${DEFAULT_UNTIL_IDLE_SECONDS} with --until-idle)`,
    )
    .action(async (opts: { untilIdle?: boolean; maxSeconds?: string }) => {
      const maxSeconds = parseMaxSeconds(opts.maxSeconds);
      if (maxSeconds === 'bad') {
        process.stderr.write(
          `passerelle: --max-seconds must be a whole number of seconds from 1 to 86400 (got "${String(opts.maxSeconds).slice(0, 40)}").\n`,
        );
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      await runWorker(Boolean(opts.untilIdle), maxSeconds);
    });
}

function parseMaxSeconds(text: string | undefined): number | undefined | 'bad' {
  if (text === undefined) return undefined;
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n >= 1 && n <= 86_400 ? n : 'bad';
}

export async function runWorker(untilIdle: boolean, maxSeconds?: number): Promise<void> {
  announceEmbeddedVaultKey();
  const bound = maxSeconds ?? (untilIdle ? DEFAULT_UNTIL_IDLE_SECONDS : undefined);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const timer = bound ? setTimeout(() => stop.abort(), bound * 1000) : undefined;
  const started = Date.now();
  const database = await openDatabase(databaseConfigFromEnv());
  let abandoned = false;
  try {
    const engine = await engineFromEnv(database);
    if (untilIdle) {
      process.stderr.write(
        `passerelle worker: serving what is due now, for at most ${bound} s (--max-seconds).\n`,
      );
      // Activation day's release and due digests first, so what they queue is served now.
      await directoryTick(database, { digest: digestFromEnv() });
      await communityTick(database, { networks: await communityNetworksFromEnv(database) });
      const batches = await engine.drain({ signal: stop.signal });
      abandoned = stop.signal.aborted;
      const left = await queueAfterRun(database, engine.platforms, new Date());
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stderr.write(
        `passerelle worker: ${drainSummary(batches, seconds, stop.signal.aborted, left)}\n`,
      );
      return;
    }
    process.stderr.write(
      `passerelle worker ${engine.workerId} started (${database.kind})${bound ? `, for ${bound} s (--max-seconds)` : ''}.\n`,
    );
    const stopClock = startDirectoryClock(database);
    const stopCommunities = startCommunityClock(database, await communityNetworksFromEnv(database));
    try {
      await runThroughOutages(engine, stop.signal);
      abandoned = true;
    } finally {
      await Promise.all([stopClock(), stopCommunities()]);
    }
  } finally {
    clearTimeout(timer);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await database.close();
  }
  // A call given up at the bound may still wait for its own timeout: nothing of it is recorded
  // any more, so the process does not wait for it.
  if (abandoned) process.exit(process.exitCode ?? 0);
}

/** One line on what was done and what is left, never "nothing more due" while something is. */
export function drainSummary(
  batches: number,
  seconds: number,
  stopped: boolean,
  left: QueueAfterRun,
): string {
  const parts: string[] = [];
  if (left.dueNow > 0) parts.push(`${left.dueNow} follow(s) still due now: run it again`);
  if (left.inFlight > 0)
    parts.push(
      `${left.inFlight} follow(s) in flight under another worker's lease until ${left.inFlightUntil?.toISOString()} ` +
        '(a worker holds them, or one stopped without giving them back; they are due again then)',
    );
  if (left.later > 0)
    parts.push(
      `${left.later} follow(s) waiting (backing off or parked) until ${left.laterFrom?.toISOString()} at the earliest`,
    );
  if (left.held > 0) parts.push(`${left.held} follow(s) held (activation day, or automatic mode off)`);
  const head = `${batches} batch(es) served in ${seconds} s${stopped ? ', stopped at the bound (what was under way was given back)' : ''}`;
  if (parts.length === 0) return `${head}; nothing more due now.`;
  return `${head}; ${parts.join('; ')}.`;
}
