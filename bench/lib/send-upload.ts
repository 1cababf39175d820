// Sends a large upload from a worker thread of the load generator: writing 60 MB to a socket from
// the thread that runs autocannon held that thread for seconds, and every request autocannon timed
// meanwhile looked late, though the server was not. Run as a worker, this file sends and answers.
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

type Job = { url: string; headers: Record<string, string>; body: Uint8Array };
export type Answer = { status: number; text: string };

/**
 * POSTs `body` from another thread; the answer once it is fully read. A large body is moved to
 * that thread, not copied (`body` is unusable afterwards); a small one (in Node's shared pool) is
 * copied.
 */
export function sendUpload(url: string, headers: Record<string, string>, body: Uint8Array): Promise<Answer> {
  const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { url, headers, body } satisfies Job,
      transferList: whole ? [body.buffer as ArrayBuffer] : [],
    });
    worker.once('message', (answer: Answer) => resolve(answer));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`upload sender exited with ${code}`)));
  });
}

/**
 * node:http rather than fetch: an answer the server sends before it has read the whole body (a
 * refusal) is still read, where fetch only reports the closed socket. No timeout: an upload may
 * take minutes on a busy machine.
 */
function post({ url, headers, body }: Job): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.byteLength) },
    });
    req.once('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8').slice(0, 500) }),
      );
    });
    // After an early answer the server may close the socket before the body is written: the
    // answer (if any came) is what counts.
    req.once('error', reject);
    req.end(body);
  });
}

if (!isMainThread && parentPort) parentPort.postMessage(await post(workerData as Job));
