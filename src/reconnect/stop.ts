// Stopping the engine in the middle of a network call: at `--max-seconds`, or on SIGTERM. The call
// is abandoned (nothing after it runs, so nothing of it is recorded) and the engine gives back
// what it holds: an account and tasks that wait for their next worker, never for a lease to run out.

/** Thrown when the engine's stop signal ends a call it was waiting for. */
export class StoppedError extends Error {
  constructor() {
    super('stopped before the network answered');
    this.name = 'StoppedError';
  }
}

/** The call's result, or StoppedError as soon as `signal` aborts. */
export function untilStopped<T>(call: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return call;
  // The abandoned call may still fail later: that failure is nobody's to report.
  call.catch(() => {});
  if (signal.aborted) return Promise.reject(new StoppedError());
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new StoppedError());
    signal.addEventListener('abort', stop, { once: true });
    call.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(err);
      },
    );
  });
}

/** Waits `ms`, or less if `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
