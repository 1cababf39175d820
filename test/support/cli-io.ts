// A command's output captured instead of printed, for CLI tests.
import type { CliIo } from '../../src/cli/directory.ts';

export function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}
