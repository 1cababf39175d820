// `passerelle link bluesky …`: links a user's Bluesky account with an app password.
import type { Command } from 'commander';
import { AccountHeldError, LinkExistsError } from '../accounts/errors.ts';
import { databaseConfigFromEnv } from '../db/config.ts';
import { type Database, openDatabase } from '../db/index.ts';
import { applyUserChange } from '../directory/fanout.ts';
import { netPolicyFromEnv } from '../net/policy.ts';
import { BlueskyLinkError, linkBlueskyWithAppPassword } from '../platforms/bluesky/link.ts';
import { VaultConfigError, vaultFromEnv } from '../vault/vault.ts';
import { announceEmbeddedVaultKey } from './vault-key.ts';

export function registerLinkCommands(program: Command): void {
  const link = program.command('link').description('Link an account on a network to a Passerelle user');
  link
    .command('bluesky')
    .description('Link a Bluesky account with an app password (Settings → App passwords)')
    .requiredOption('--x-id <id>', 'the X account id of the Passerelle user (from their imported archive)')
    .requiredOption('--service <url>', 'the PDS URL, e.g. https://bsky.social')
    .requiredOption('--identifier <handle>', 'the Bluesky handle or email')
    .requiredOption('--app-password <password>', 'an app password (never your main password)')
    .option('--replace', 'replace the Bluesky account already linked to this user')
    .action(async (opts: LinkBlueskyOptions) => {
      await runCli(() => linkBluesky(opts));
    });
}

class CliInputError extends Error {}

/** Bad input: message on stderr, exit code 2; anything else goes to the common error report. */
async function runCli(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (
      err instanceof CliInputError ||
      err instanceof BlueskyLinkError ||
      err instanceof VaultConfigError ||
      err instanceof AccountHeldError
    ) {
      process.stderr.write(`passerelle: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof LinkExistsError) {
      process.stderr.write(
        `passerelle: this user already has the Bluesky account ${err.handle} linked; add --replace to replace it.\n`,
      );
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

export async function findUserByXId(database: Database, xId: string): Promise<number> {
  if (!/^\d{1,20}$/.test(xId))
    throw new CliInputError(`--x-id must be a numeric X account id (got "${xId}").`);
  const rows = await database.query<{ id: string }>(
    'SELECT id FROM users WHERE x_account_id = $1 ORDER BY x_proven_at NULLS LAST, id LIMIT 1',
    [xId],
  );
  const id = rows[0]?.id;
  if (!id) {
    throw new CliInputError(
      `No Passerelle user has X id ${xId}. Import their archive first: passerelle archive import PATH`,
    );
  }
  return Number(id);
}

interface LinkBlueskyOptions {
  xId: string;
  service: string;
  identifier: string;
  appPassword: string;
  replace?: boolean;
}

async function linkBluesky(opts: LinkBlueskyOptions): Promise<void> {
  announceEmbeddedVaultKey();
  const vault = vaultFromEnv();
  const database = await openDatabase(databaseConfigFromEnv());
  try {
    const userId = await findUserByXId(database, opts.xId);
    // The directory hears of the link in the link's own transaction, as on the web.
    const linked = await linkBlueskyWithAppPassword(
      database,
      vault,
      {
        userId,
        service: opts.service,
        identifier: opts.identifier,
        appPassword: opts.appPassword,
        replace: opts.replace === true,
        policy: netPolicyFromEnv(),
      },
      async (tx, link) => {
        await applyUserChange(tx, link.userId);
      },
    );
    process.stdout.write(
      `Linked Bluesky ${linked.handle} (${linked.did}) to the user with X id ${opts.xId}.\n`,
    );
  } finally {
    await database.close();
  }
}
