// Sends an archive's lists in parts when they hold more ids than one part (the server's
// partIds, 500,000 by default): one part after the other, each built from the packed list only
// when sent, so the page never holds a list of millions as strings. A part that fails for a
// reason a retry can cure (the network, the server busy or restarting) is sent again a few times.
// Cancelled (the person's choice, or the page left), the upload is cancelled on the server too.
import {
  ApiError,
  type ArchiveSummary,
  cancelPartsUpload,
  finishPartsUpload,
  sendUploadPart,
  startPartsUpload,
} from './api.ts';

const LISTS = ['following', 'followers', 'blocking', 'muting'] as const;

type IdBatches = { readonly size: number; batches(size: number): Iterable<string[]> };

export type ArchiveLists = Record<(typeof LISTS)[number], IdBatches> & {
  owner: unknown;
  layout: string;
  source: string;
};

/** Tries after the first, and the wait before each (doubled every time). */
const RETRIES = 3;
const FIRST_WAIT_MS = 1000;

/** Network errors, timeouts, rate limits and the server's own troubles are worth another try. */
function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

async function withRetries<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= RETRIES || !retryable(error)) throw error;
      const asked = error instanceof ApiError ? Number(error.params.retryAfterSeconds) * 1000 : 0;
      const wait = Math.max(FIRST_WAIT_MS * 2 ** attempt, Number.isFinite(asked) ? asked : 0);
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60_000)));
    }
  }
}

/** Thrown by sendInParts once its signal aborted: the server was told to drop the upload. */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
  }
}

/** The number of ids the lists hold together. */
export function idCount(lists: ArchiveLists): number {
  return LISTS.reduce((sum, list) => sum + lists[list].size, 0);
}

/** Starts an upload, sends every part (`onSent` after each), then finishes it; `signal` cancels. */
export async function sendInParts(
  lists: ArchiveLists,
  partIds: number,
  warnings: unknown[],
  onSent: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ArchiveSummary> {
  const counts = Object.fromEntries(LISTS.map((list) => [list, lists[list].size]));
  const { upload } = await withRetries(() =>
    startPartsUpload({
      owner: lists.owner,
      counts,
      partSize: partIds,
      layout: lists.layout,
      source: lists.source,
      warnings,
    }),
  );
  // At once, not after the part being sent: that part is refused (410) and nothing more is sent.
  const cancel = () => void cancelPartsUpload(upload.id).catch(() => {});
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await sendParts(lists, upload, onSent, signal);
  } catch (error) {
    throw signal?.aborted ? new UploadCancelled() : error;
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

async function sendParts(
  lists: ArchiveLists,
  upload: { id: number; partSize: number },
  onSent: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ArchiveSummary> {
  const total = idCount(lists);
  let sent = 0;
  onSent(sent, total);
  for (const list of LISTS) {
    let part = 0;
    for (const ids of lists[list].batches(upload.partSize)) {
      if (signal?.aborted) throw new UploadCancelled();
      const number = part++;
      await withRetries(() => sendUploadPart(upload.id, list, number, ids));
      sent += ids.length;
      onSent(sent, total);
    }
  }
  if (signal?.aborted) throw new UploadCancelled();
  const { archive } = await withRetries(() => finishPartsUpload(upload.id));
  return archive;
}
