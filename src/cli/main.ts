// The passerelle command line: one sub-command module per capability.
import { Command, CommanderError } from 'commander';
import { EXIT_FAILURE, reportError } from './errors.ts';

type Register = (program: Command) => void;

// Each command's module loads only when that command runs: `archive inspect` must not pay for
// the database drivers, the Bluesky client and the web server (memory, start-up time).
const COMMANDS: Record<string, () => Promise<Register>> = {
  archive: async () => (await import('./archive.ts')).registerArchiveCommands,
  serve: async () => (await import('./serve.ts')).registerServeCommand,
  worker: async () => (await import('./worker.ts')).registerWorkerCommand,
  link: async () => (await import('./link.ts')).registerLinkCommands,
  directory: async () => (await import('./directory.ts')).registerDirectoryCommands,
  matches: async () => (await import('./matches.ts')).registerMatchesCommand,
  reconnect: async () => (await import('./reconnect.ts')).registerReconnectCommand,
  stats: async () => (await import('./stats.ts')).registerStatsCommand,
  status: async () => (await import('./status.ts')).registerStatusCommand,
  activation: async () => (await import('./activation.ts')).registerActivationCommands,
  backup: async () => (await import('./backup.ts')).registerBackupCommands,
  community: async () => (await import('./community.ts')).registerCommunityCommands,
  restore: async () => (await import('./backup.ts')).registerBackupCommands,
};

const program = new Command()
  .name('passerelle')
  .description('Leave X together: rebuild your network on Bluesky and Mastodon from your X archive.')
  .exitOverride()
  .showHelpAfterError();

const requested = COMMANDS[process.argv[2] ?? ''];
// backup and restore share one module: each registration runs once.
const loads = requested ? [requested] : Object.values(COMMANDS);
for (const register of new Set(await Promise.all(loads.map((load) => load())))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  // Exit now: a database that failed to start may hold handles that would keep the process alive.
  process.exit(reportError(err) ?? EXIT_FAILURE);
}
