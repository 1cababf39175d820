// The directory file's `bluesky` column takes a DID or a handle. Handles change, DIDs do not:
// each handle is resolved once, on import, and the DID is what is stored. A handle that does not
// resolve is a rejected row of the report, like any other bad row.
import { failedAt } from '../net/errors.ts';
import { httpBridgeResolver, PUBLIC_HANDLE_SERVICE } from './bridge-http.ts';
import type { ImportReport, ImportRow } from './import.ts';

/** A handle's DID, or null when nobody answers for that handle. Throws when it cannot tell. */
export type HandleResolver = (handle: string) => Promise<string | null>;

/** Resolutions at once: enough to overlap latency, few enough to stay polite. */
const CONCURRENCY = 4;

/**
 * The operator's resolver: PASSERELLE_BLUESKY_HANDLE_RESOLVER (a local PDS in development, which
 * answers com.atproto.identity.resolveHandle), or Bluesky's public AppView.
 */
export function handleResolverFromEnv(env: NodeJS.ProcessEnv = process.env): HandleResolver {
  const handleService = env.PASSERELLE_BLUESKY_HANDLE_RESOLVER?.trim() || PUBLIC_HANDLE_SERVICE;
  const resolver = httpBridgeResolver({ handleService });
  return async (handle) => {
    try {
      return await resolver.resolveBlueskyHandle(handle);
    } catch (err) {
      throw new Error(failedAt('Handle resolution', handleService, err), { cause: err });
    }
  };
}

/** Rows with their handles resolved to DIDs; rows whose handle does not resolve move to `rejected`. */
export async function resolveRowHandles(
  rows: ImportRow[],
  rejected: ImportReport['rejected'],
  resolve: HandleResolver | undefined,
): Promise<{ rows: ImportRow[]; rejected: ImportReport['rejected'] }> {
  const pending = rows.filter((r) => r.bluesky && !r.bluesky.did);
  if (pending.length === 0) return { rows, rejected };
  const problems = new Map<number, string>();
  let next = 0;
  const work = async () => {
    for (let row = pending[next++]; row; row = pending[next++]) {
      const problem = await resolveRow(row, resolve);
      if (problem) problems.set(row.line, problem);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pending.length) }, work));
  return {
    rows: rows.filter((r) => !problems.has(r.line)),
    rejected: [...rejected, ...[...problems].map(([line, reason]) => ({ line, reason }))].sort(
      (a, b) => a.line - b.line,
    ),
  };
}

/** Fills the row's DID; returns why it could not, or null. */
async function resolveRow(row: ImportRow, resolve: HandleResolver | undefined): Promise<string | null> {
  const bluesky = row.bluesky as { did: string | null; handle: string };
  if (!resolve) return `bluesky "${bluesky.handle}" is a handle, and no handle resolver is configured`;
  try {
    const did = await resolve(bluesky.handle);
    if (!did) return `bluesky handle "${bluesky.handle}" does not resolve to an account`;
    bluesky.did = did;
    return null;
  } catch (err) {
    return `bluesky handle "${bluesky.handle}" could not be resolved (${(err as Error).message}); try again later`;
  }
}
