// `passerelle worker [--until-idle]`: follows on users' behalf. Run any number of them against
// PostgreSQL; `--until-idle` serves what is due now and exits (tests, cron).
import type { Command } from 'commander';
import { communityNetworksFromEnv, communityTick, startCommunityClock } from '../communities/clock.ts';
import { databaseConfigFromEnv } from '../db/config.ts';
import { openDatabase } from '../db/index.ts';
import { directoryTick, startDirectoryClock } from '../directory/clock.ts';
import { digestFromEnv } from '../directory/digest.ts';
import { engineFromEnv, runThroughOutages } from '../reconnect/worker.ts';
import { announceEmbeddedVaultKey } from './vault-key.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Make the planned follows, within every rate limit (needs PASSERELLE_VAULT_KEYS)')
    .option('--until-idle', 'serve what is due now, then exit')
    .action(async (opts: { untilIdle?: boolean }) => runWorker(Boolean(opts.untilIdle)));
}

export async function runWorker(untilIdle: boolean): Promise<void> {
  announceEmbeddedVaultKey();
  const database = await openDatabase(databaseConfigFromEnv());
  try {
    const engine = await engineFromEnv(database);
    if (untilIdle) {
      // Activation day's release and due digests first, so what they queue is served now.
      await directoryTick(database, { digest: digestFromEnv() });
      await communityTick(database, { networks: await communityNetworksFromEnv(database) });
      const batches = await engine.drain();
      process.stderr.write(`passerelle worker: ${batches} batch(es) served, nothing more due now.\n`);
      return;
    }
    const stop = new AbortController();
    process.once('SIGTERM', () => stop.abort());
    process.once('SIGINT', () => stop.abort());
    process.stderr.write(`passerelle worker ${engine.workerId} started (${database.kind}).\n`);
    const stopClock = startDirectoryClock(database);
    const stopCommunities = startCommunityClock(database, await communityNetworksFromEnv(database));
    try {
      await runThroughOutages(engine, stop.signal);
    } finally {
      await Promise.all([stopClock(), stopCommunities()]);
    }
  } finally {
    await database.close();
  }
}
