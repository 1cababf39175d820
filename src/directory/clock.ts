// What the worker runs on its clock for the directory: activation day's release when it comes,
// and the email digests that are due. Both are idempotent: calling every minute is safe.
import type { Transporter } from 'nodemailer';
import type { Database } from '../db/index.ts';
import { releaseActivationIfDue } from './activation.ts';
import { type DigestConfig, type DigestRun, digestFromEnv, sendDueDigests } from './digest.ts';

export interface DirectoryTick {
  /** Tasks released by activation day on this tick (null: not due, or already released). */
  released: number | null;
  /** Digest run, when digests are configured. */
  digests: DigestRun | null;
}

export async function directoryTick(
  database: Database,
  options: { digest?: { transport: Transporter; config: DigestConfig } | null; now?: Date } = {},
): Promise<DirectoryTick> {
  const now = options.now ?? new Date();
  const released = await releaseActivationIfDue(database, now);
  const digests = options.digest
    ? await sendDueDigests(database, options.digest.transport, options.digest.config, now)
    : null;
  return { released, digests };
}

/**
 * Runs directoryTick now and every minute in this process (never two at once). The returned
 * function stops the clock and waits for a tick in progress, so the database can close after it.
 */
export function startDirectoryClock(
  database: Database,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<void> {
  const digest = digestFromEnv(env);
  return everyMinute('directory', () => directoryTick(database, { digest }));
}

/**
 * Runs `tick` now and every minute in this process, never two at once; a failed tick is reported
 * and the next one runs. The returned function stops the clock and waits for a tick in progress.
 */
export function everyMinute(name: string, tick: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const run = () => {
    running ??= tick()
      .catch((err: unknown) => {
        process.stderr.write(
          `passerelle: ${name} tick failed: ${err instanceof Error ? err.message : err}\n`,
        );
      })
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
