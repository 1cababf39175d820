// Sends a large upload from a worker thread of the load generator: writing 60 MB to a socket from
// the thread that runs autocannon held that thread for seconds, and every request autocannon timed
// meanwhile looked late, though the server was not. Run as a worker, this file sends and answers.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Agent, fetch as undiciFetch } from 'undici';

type Job = { url: string; headers: Record<string, string>; body: Uint8Array };

/**
 * POSTs `body` from another thread; the HTTP status of the answer once it is fully read. The
 * bytes are moved to that thread, not copied: `body` is unusable afterwards.
 */
export function sendUpload(url: string, headers: Record<string, string>, body: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { url, headers, body } satisfies Job,
      transferList: [body.buffer as ArrayBuffer],
    });
    worker.once('message', (status: number) => resolve(status));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`upload sender exited with ${code}`)));
  });
}

if (!isMainThread && parentPort) {
  const { url, headers, body } = workerData as Job;
  // An upload may take minutes on a busy machine: no header or body timeout (fetch's is 300 s).
  const patient = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
  const res = await undiciFetch(url, { method: 'POST', headers, body, dispatcher: patient });
  await res.arrayBuffer();
  parentPort.postMessage(res.status);
  await patient.close();
}
