// Where a slow answer came from during bench:web: the server's event loop (its delay, and how long
// it ran code with or without its thread on a CPU), the load generator's own loop (a late request
// is late on the client too), and the machine's load average (other processes).
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Agent, fetch as undiciFetch } from 'undici';

/** What the bench server's GET /bench/event-loop reports since its previous call. */
export type ServerLoop = { maxMs: number; p99Ms: number; busyMs: number; cpuMs: number };

/**
 * A connection per call: a kept-alive one, idle through a phase, may be closed by the server just
 * as the next request (this one, or the next `fetch` of the pool) is sent on it.
 */
const noKeepAlive = new Agent({ pipelining: 0 });

/** The server's loop since the previous call (the call before a phase starts its window). */
export async function serverLoop(base: string): Promise<ServerLoop> {
  const res = await undiciFetch(`${base}/bench/event-loop`, { dispatcher: noKeepAlive });
  return (await res.json()) as ServerLoop;
}

/** The 1-minute load average, one decimal. */
export function loadAverage(): string {
  return (os.loadavg()[0] ?? 0).toFixed(1);
}

/** The load generator's own loop delay over a phase: started now, read (max in ms) by `stop`. */
export function clientLoop(): { stop(): number } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop: () => {
      delay.disable();
      return Math.round(delay.max / 1e6);
    },
  };
}

/** "p99 / max" of the server's loop delay, and busy/CPU seconds of its main thread. */
export function loopCells(loop: ServerLoop): string {
  return `${loop.p99Ms} / ${loop.maxMs} | ${(loop.busyMs / 1000).toFixed(1)} / ${(loop.cpuMs / 1000).toFixed(1)}`;
}
