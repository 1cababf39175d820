// How `passerelle backup` gets a consistent copy of an embedded database another process holds:
// the holder listens on a Unix socket in the data folder (owner-only, like the folder's files:
// whoever may connect may read the database anyway) and answers with the dump it takes between
// transactions. One request per connection: a line `backup`, answered by a JSON header line
// ({"ok":true} or {"ok":false,"error":…}) and then the dump's bytes.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const SOCKET = 'passerelle.sock';
/** Silence after which a backup request is abandoned (a large dump is taken before any byte). */
const ANSWER_TIMEOUT_MS = 10 * 60_000;

export function backupSocketPath(dataDir: string): string {
  return path.join(dataDir, SOCKET);
}

/**
 * Serves dumps while this process holds the folder's lock (a socket left by a dead holder is
 * removed first). Returns the stop function, or a no-op if the socket cannot be made (a folder
 * path too long for a socket): then backups wait for this process to stop.
 */
export async function listenForBackups(
  dataDir: string,
  dump: () => Promise<Uint8Array>,
): Promise<() => Promise<void>> {
  const socketPath = backupSocketPath(dataDir);
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', async () => {
      try {
        const bytes = await dump();
        socket.write(`${JSON.stringify({ ok: true, bytes: bytes.length })}\n`);
        socket.end(bytes);
      } catch (err) {
        socket.end(
          `${JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) })}\n`,
        );
      }
    });
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(socketPath, () => resolve(true));
  });
  if (!listening) {
    process.stderr.write(`passerelle: no backup socket in ${dataDir}: backups need this process stopped.\n`);
    return async () => {};
  }
  fs.chmodSync(socketPath, 0o600);
  server.unref();
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(socketPath, { force: true });
    });
}

/** The dump from the process holding dataDir, or null when no process answers there. */
export async function requestBackup(dataDir: string): Promise<Uint8Array | null> {
  const socketPath = backupSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return null;
  const chunks: Buffer[] = [];
  const connected = await new Promise<boolean>((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    socket.once('connect', () => socket.write('backup\n'));
    // A holder that is stopped (SIGSTOP) or stuck never answers: give up rather than hang.
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => {
      socket.destroy();
      reject(
        new Error(
          `The Passerelle process holding ${dataDir} did not answer the backup request for ${ANSWER_TIMEOUT_MS / 60_000} minutes: is it stopped?`,
        ),
      );
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => resolve(true));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') resolve(false);
      else reject(err);
    });
  });
  if (!connected) return null;
  const all = Buffer.concat(chunks);
  const newline = all.indexOf(10);
  const header = JSON.parse(all.subarray(0, newline).toString('utf8')) as {
    ok: boolean;
    bytes?: number;
    error?: string;
  };
  if (!header.ok)
    throw new Error(`The running Passerelle process could not take the backup: ${header.error}`);
  const body = all.subarray(newline + 1);
  if (body.length !== header.bytes)
    throw new Error(`The backup was cut short (${body.length} of ${header.bytes} bytes): try again.`);
  return body;
}
