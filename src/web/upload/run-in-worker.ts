// Runs one upload parser (a whole upload, or one part of an upload sent in parts) in a worker
// thread. One parser at a time across both: each holds its body and its lists in memory.
import { Worker } from 'node:worker_threads';

let queue: Promise<unknown> = Promise.resolve();

/** The body is transferred to the worker (unusable here afterwards); its one message is the answer. */
export function runInWorker<T>(script: URL, body: ArrayBuffer, maxIds: number, heapMb: number): Promise<T> {
  const run = queue.then(() => inWorker<T>(script, body, maxIds, heapMb));
  queue = run.catch(() => {});
  return run;
}

function inWorker<T>(script: URL, body: ArrayBuffer, maxIds: number, heapMb: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { body, maxIds },
      transferList: [body],
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let answered = false;
    worker.once('message', (result: T) => {
      answered = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the upload parser stopped without an answer (exit code ${code})`));
    });
  });
}
