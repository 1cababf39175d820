// What the command-line tests on a real PDS share: the PDS and a scratch folder for the file, the
// `passerelle` command run as its own process on a fresh database of each kind, the directory
// file naming Bluesky handles, and each account linked with its app password.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DatabaseConfig } from '../../src/db/config.ts';
import { createScratchPostgres } from '../support/databases.ts';
import { type BlueskyNetwork, startBlueskyNetwork } from './bluesky-network.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/passerelle.js');
const VAULT_KEYS = `k1:${randomBytes(32).toString('base64')}`;

export interface CliLab {
  net: BlueskyNetwork;
  dir: string;
}

/** A PDS and a scratch folder, up before the file's tests and gone after them. */
export function cliLabForFile(prefix: string): CliLab {
  const lab = {} as CliLab;
  beforeAll(async () => {
    lab.net = await startBlueskyNetwork();
    lab.dir = await fs.mkdtemp(path.join(os.tmpdir(), `passerelle-${prefix}-`));
  }, 60_000);
  afterAll(async () => {
    await lab.net?.close();
    if (lab.dir) await fs.rm(lab.dir, { recursive: true, force: true });
  });
  return lab;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Cli {
  /** `passerelle …args` as its own process; a failure's exit code and output, never a throw. */
  passerelle(...args: string[]): Promise<CliResult>;
  /** The database the command works on, for a test to read it. */
  database: DatabaseConfig;
  /** Drops the scratch PostgreSQL database (nothing for PGlite: its folder goes with the lab). */
  drop(): Promise<void>;
}

/** The command on a fresh database of this kind, pointed at the lab's PDS. */
export async function cliOn(lab: CliLab, kind: 'pglite' | 'postgres'): Promise<Cli> {
  const env: Record<string, string> = {
    PASSERELLE_VAULT_KEYS: VAULT_KEYS,
    PASSERELLE_BLUESKY_HANDLE_RESOLVER: lab.net.url,
    // The PDS is local (http, loopback): the development setting.
    PASSERELLE_MASTODON_ALLOW_PRIVATE: '1',
    DATABASE_URL: '',
  };
  let database: DatabaseConfig;
  let drop = async () => {};
  if (kind === 'postgres') {
    const scratch = await createScratchPostgres();
    env.DATABASE_URL = scratch.url;
    database = { kind: 'postgres', url: scratch.url };
    drop = scratch.drop;
  } else {
    env.DATA_DIR = await fs.mkdtemp(path.join(lab.dir, 'data-'));
    database = { kind: 'pglite', dataDir: env.DATA_DIR };
  }
  const passerelle = async (...args: string[]): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
        env: { ...process.env, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as CliResult;
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  return { passerelle, database, drop };
}

/** A directory file (x_id,bluesky,mastodon,source) with these rows, in the lab's folder. */
export async function directoryFile(lab: CliLab, name: string, rows: string[]): Promise<string> {
  const csv = path.join(lab.dir, name);
  await fs.writeFile(csv, ['x_id,bluesky,mastodon,source', ...rows].join('\n'));
  return csv;
}

/** Links each X id's Bluesky account with its app password, through the command line. */
export async function linkWithAppPasswords(
  cli: Cli,
  lab: CliLab,
  accounts: ReadonlyArray<readonly [string, { handle: string; appPassword: string }]>,
): Promise<void> {
  for (const [xId, who] of accounts) {
    const linked = await cli.passerelle(
      'link',
      'bluesky',
      '--x-id',
      xId,
      '--service',
      lab.net.url,
      '--identifier',
      who.handle,
      '--app-password',
      who.appPassword,
    );
    expect(linked.code, linked.stderr).toBe(0);
  }
}
