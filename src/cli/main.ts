// The passerelle command line: one sub-command module per capability.
import { Command, CommanderError } from 'commander';
import { registerActivationCommands } from './activation.ts';
import { registerArchiveCommands } from './archive.ts';
import { registerDirectoryCommands } from './directory.ts';
import { EXIT_FAILURE, reportError } from './errors.ts';
import { registerLinkCommands } from './link.ts';
import { registerMatchesCommand } from './matches.ts';
import { registerServeCommand } from './serve.ts';
import { registerStatsCommand } from './stats.ts';
import { registerWorkerCommand } from './worker.ts';

const program = new Command()
  .name('passerelle')
  .description('Leave X together: rebuild your network on Bluesky and Mastodon from your X archive.')
  .exitOverride()
  .showHelpAfterError();

registerArchiveCommands(program);
registerServeCommand(program);
registerDirectoryCommands(program);
registerMatchesCommand(program);
registerStatsCommand(program);
registerActivationCommands(program);
registerLinkCommands(program);
registerWorkerCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  process.exitCode = reportError(err) ?? EXIT_FAILURE;
}
