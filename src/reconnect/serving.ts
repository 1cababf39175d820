// What serving one claimed account needs from the engine that claimed it (engine.ts builds it;
// batch.ts, failures.ts and spending.ts work from it).
import type { Logger } from 'pino';
import type { Database } from '../db/index.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import type { BackoffOptions } from './backoff.ts';
import type { SessionCache } from './sessions.ts';
import type { BudgetBook } from './spending.ts';
import type { ClaimedAccount } from './store.ts';

export interface Serving {
  database: Database;
  workerId: string;
  leaseMs: number;
  backoff: BackoffOptions;
  now: () => Date;
  random: () => number;
  logger?: Logger | undefined;
  account: ClaimedAccount;
  /** The account's network. */
  adapter: PlatformAdapter;
  sessions: SessionCache;
  budgets: BudgetBook;
  /** Ends the wait for a call when the engine stops (stop.ts). */
  untilStopped<T>(call: Promise<T>): Promise<T>;
  /** The stop signal ended the batch and it was given back: the engine reports 'stopped'. */
  gaveBack(): void;
}
