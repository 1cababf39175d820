// `passerelle serve` as its own process, exactly as the README starts it (PGlite in a data folder,
// web + worker), configured through the environment. Stopped with SIGTERM, as a host would.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/passerelle.js');

export interface ServeProcess {
  /** http://localhost:<port>: the public origin browsers use. */
  url: string;
  port: number;
  /** Everything the process wrote to stderr so far (for failure messages). */
  log(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  readonly pid: number;
  isRunning(): boolean;
  /** Sends a signal (SIGKILL, SIGSTOP, SIGCONT…) as an operator or a crash would. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (null after a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
}

/** A port free right now (the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function vaultKeysForTest(): string {
  return `k1:${randomBytes(32).toString('base64')}`;
}

export async function startServeProcess(
  port: number,
  env: Record<string, string>,
  timeoutMs = 60_000,
  extraArgs: string[] = [],
): Promise<ServeProcess> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1', ...extraArgs],
    { env: { ...inherited, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('Passerelle listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url: `http://localhost:${port}`,
    port,
    log: () => stderr,
    pid: child.pid as number,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    kill: (signal) => {
      child.kill(signal);
    },
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
