// `passerelle community create SLUG --name NAME [--members FILE.csv]` and
// `passerelle community show SLUG [--json]`: communities from the operator's shell.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importMembers, MembersImportError, validateMembers } from '../communities/import.ts';
import { communityCounts } from '../communities/stats.ts';
import {
  addOrganiser,
  CommunityError,
  createCommunity,
  findCommunity,
  invitePath,
} from '../communities/store.ts';
import type { Database } from '../db/index.ts';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, processIo, runWithDatabase, userForXId } from './directory.ts';

export interface CreateOptions {
  name: string;
  members?: string;
  organiser?: string;
  skipInvalid?: boolean;
  json?: boolean;
}

export function registerCommunityCommands(program: Command): void {
  const community = program.command('community').description('Communities that move together');
  community
    .command('create')
    .description('Create a community, its members invited from a CSV with an x_id column')
    .argument('<slug>', 'its address: 3 to 48 lowercase letters, digits or dashes')
    .requiredOption('--name <name>', 'the name people see')
    .option('--members <file>', 'CSV of members (column x_id); they are invited until they say yes')
    .option('--organiser <xId>', 'the X id of a Passerelle user who runs it')
    .option('--skip-invalid', 'import the valid rows even when some are rejected')
    .option('--json', 'print one JSON object')
    .action(async (slug: string, opts: CreateOptions) => {
      await runWithDatabase((database) => communityCreateCommand(database, slug, opts));
    });
  community
    .command('show')
    .description('A community’s counts')
    .argument('<slug>')
    .option('--json', 'print {slug, name, members, joined, onBluesky, onMastodon, pledged}')
    .action(async (slug: string, opts: { json?: boolean }) => {
      await runWithDatabase((database) => communityShowCommand(database, slug, opts));
    });
}

async function readMembers(file: string, io: CliIo): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    io.err(
      `passerelle: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`,
    );
    return null;
  }
}

/** Nothing is created when the file has bad rows (unless --skip-invalid): every bad row is listed. */
export async function communityCreateCommand(
  database: Database,
  slug: string,
  opts: CreateOptions,
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const text = opts.members ? await readMembers(opts.members, io) : null;
  if (opts.members && text === null) return EXIT_BAD_INPUT;
  try {
    if (text !== null) {
      const checked = validateMembers(text);
      for (const r of checked.rejected) io.err(`${opts.members}:${r.line}: ${r.reason}\n`);
      if (checked.rejected.length > 0 && !opts.skipInvalid) {
        io.err(
          `passerelle: ${checked.rejected.length} of ${checked.total} rows rejected; nothing created. Fix them, or pass --skip-invalid.\n`,
        );
        return EXIT_BAD_INPUT;
      }
    }
    const organiser = opts.organiser ? await userForXId(database, opts.organiser, io) : null;
    if (opts.organiser && !organiser) return EXIT_BAD_INPUT;
    const made = await createCommunity(database, { slug, name: opts.name });
    if (organiser) await addOrganiser(database, made.id, organiser.id);
    const report = text === null ? null : await importMembers(database, made.id, text, { skipInvalid: true });
    const base = (env.PUBLIC_URL ?? env.PUBLIC_ORIGIN?.split(',')[0] ?? '').trim().replace(/\/$/, '');
    const invite = `${base}${invitePath(made.slug, made.inviteToken)}`;
    if (opts.json)
      io.out(`${JSON.stringify({ slug: made.slug, name: made.name, invite, members: report })}\n`);
    else {
      io.out(`Community ${made.slug} ("${made.name}") created.\n`);
      if (report) io.out(`${report.invited} members invited (each says yes after signing in with X).\n`);
      io.out(`Invite link (a secret: share it only with the people it is for): ${invite}\n`);
    }
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof CommunityError || err instanceof MembersImportError)) throw err;
    io.err(`passerelle: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
}

export async function communityShowCommand(
  database: Database,
  slug: string,
  opts: { json?: boolean },
  io: CliIo = processIo,
): Promise<number> {
  let community: Awaited<ReturnType<typeof findCommunity>>;
  try {
    community = await findCommunity(database, slug);
  } catch (err) {
    if (!(err instanceof CommunityError)) throw err;
    io.err(`passerelle: ${err.message} See the slug given to passerelle community create.\n`);
    return EXIT_BAD_INPUT;
  }
  const counts = await communityCounts(database, community.id);
  const shown = { slug: community.slug, name: community.name, ...counts };
  if (opts.json) io.out(`${JSON.stringify(shown)}\n`);
  else
    io.out(
      `${shown.name} (${shown.slug}): ${shown.members} members, ${shown.joined} joined, ` +
        `${shown.onBluesky} on Bluesky, ${shown.onMastodon} on Mastodon, ${shown.pledged} pledged to leave X.\n`,
    );
  return EXIT_OK;
}
