// Operator import of a correspondence file (x_id,bluesky,mastodon,source), validated row by
// row. By default all or nothing: one bad row and nothing is written, with the report of every
// bad row; skipInvalid writes the good rows anyway. Imported mappings never replace a sign-up's.
import type { Database } from '../db/index.ts';
import { isMastodonAddress } from '../platforms/mastodon/address.ts';
import { networkRules } from '../platforms/registry.ts';
import { withdrawTasksTo } from '../reconnect/tasks.ts';
import { parseCsv } from './csv.ts';
import { diffEntries, recomputeUsable, snapshot } from './entries.ts';
import { fanOutEntries } from './fanout.ts';
import { type HandleResolver, resolveRowHandles } from './import-handles.ts';

export class DirectoryImportError extends Error {
  readonly code = 'DIRECTORY_IMPORT';
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryImportError';
  }
}

export interface ImportRow {
  line: number;
  xId: string;
  /** A DID, or null while the row's handle waits for resolution (resolveRowHandles). */
  bluesky: { did: string | null; handle: string } | null;
  mastodon: { acct: string; host: string } | null;
  source: string;
}

export interface ImportReport {
  rows: number;
  accepted: number;
  rejected: { line: number; reason: string }[];
  /** Whether anything was written (false when rows were rejected and skipInvalid was off). */
  written: boolean;
  /** Mappings written (one per X id and network). */
  mappings: number;
  /** Mappings left alone because the person signed up and proved that X id themselves. */
  keptSignups: number;
  trusted: boolean;
  /** Follow tasks created for people in automatic mode. */
  tasksCreated: number;
}

const REQUIRED = ['x_id', 'bluesky', 'mastodon', 'source'] as const;
const X_ID = /^[0-9]{1,20}$/;
const DID = /^did:(plc:[a-z2-7]{1,64}|web:[a-zA-Z0-9.-]+(%3A[0-9]+)?)$/;
const HANDLE = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** Default trust of imported mappings: the operator's setting PASSERELLE_TRUST_IMPORTS. */
export function importTrustFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env.PASSERELLE_TRUST_IMPORTS?.trim() ?? '');
}

function validateImport(text: string): {
  rows: ImportRow[];
  rejected: ImportReport['rejected'];
  total: number;
} {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    throw new DirectoryImportError(`The file is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (!header || missing.length > 0) {
    throw new DirectoryImportError(
      `The first line must name the columns x_id,bluesky,mastodon,source (optional: bluesky_handle); missing: ${missing.join(', ') || 'all'}.`,
    );
  }
  const col = (fields: string[], name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? '' : (fields[i] ?? '').trim();
  };
  const rows: ImportRow[] = [];
  const rejected: ImportReport['rejected'] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of body) {
    const reason = rowProblem(fields, names.length, col, seen);
    if (reason) {
      rejected.push({ line, reason });
      continue;
    }
    const xId = col(fields, 'x_id');
    seen.set(xId, line);
    const bluesky = col(fields, 'bluesky');
    const acct = col(fields, 'mastodon').replace(/^@/, '');
    const did = DID.test(bluesky) ? bluesky : null;
    rows.push({
      line,
      xId,
      bluesky: bluesky
        ? { did, handle: col(fields, 'bluesky_handle').toLowerCase() || (did ?? asHandle(bluesky)) }
        : null,
      mastodon: acct
        ? {
            acct: networkRules('mastodon').normalizeTarget(acct),
            host: (acct.split('@')[1] ?? '').toLowerCase(),
          }
        : null,
      source: col(fields, 'source'),
    });
  }
  return { rows, rejected, total: body.length };
}

function rowProblem(
  fields: string[],
  width: number,
  col: (fields: string[], name: string) => string,
  seen: Map<string, number>,
): string | null {
  if (fields.length !== width) return `has ${fields.length} fields, the header has ${width}`;
  const xId = col(fields, 'x_id');
  if (!X_ID.test(xId)) return `x_id "${xId.slice(0, 30)}" is not an X account id (1 to 20 digits)`;
  const earlier = seen.get(xId);
  if (earlier !== undefined) return `x_id ${xId} already appears on line ${earlier}`;
  const bluesky = col(fields, 'bluesky');
  const acct = col(fields, 'mastodon');
  const handle = col(fields, 'bluesky_handle');
  if (!bluesky && !acct) return 'neither a Bluesky account nor a Mastodon address';
  if (bluesky && !DID.test(bluesky) && !HANDLE.test(asHandle(bluesky)))
    return `bluesky "${bluesky.slice(0, 60)}" is neither a DID (did:plc:… or did:web:…) nor a handle (alice.bsky.social)`;
  if (handle && (!bluesky || !HANDLE.test(handle)))
    return `bluesky_handle "${handle.slice(0, 60)}" is not a handle for a DID given on this row`;
  if (acct && !isMastodonAddress(acct))
    return `mastodon "${acct.slice(0, 60)}" is not an address like user@instance.social`;
  const source = col(fields, 'source');
  if (!source) return 'source is empty: say where this mapping comes from';
  if (source.length > 200) return 'source is longer than 200 characters';
  return null;
}

/** A handle as written (maybe with a leading @), as resolution wants it. */
function asHandle(text: string): string {
  return text.replace(/^@/, '').toLowerCase();
}

export async function importDirectory(
  database: Database,
  text: string,
  options: { trusted: boolean; skipInvalid?: boolean; resolveHandle?: HandleResolver },
): Promise<ImportReport> {
  const validated = validateImport(text);
  const { total } = validated;
  const { rows, rejected } = await resolveRowHandles(
    validated.rows,
    validated.rejected,
    options.resolveHandle,
  );
  const report: ImportReport = {
    rows: total,
    accepted: rows.length,
    rejected,
    written: false,
    mappings: 0,
    keptSignups: 0,
    trusted: options.trusted,
    tasksCreated: 0,
  };
  if ((rejected.length > 0 && !options.skipInvalid) || rows.length === 0) return report;
  const entries = rows.flatMap((r) => [
    ...(r.bluesky
      ? [
          {
            r,
            platform: 'bluesky',
            target: r.bluesky.did as string,
            accountId: r.bluesky.did,
            handle: r.bluesky.handle,
            instance: null,
          },
        ]
      : []),
    ...(r.mastodon
      ? [
          {
            r,
            platform: 'mastodon',
            target: r.mastodon.acct,
            accountId: null,
            handle: r.mastodon.acct,
            instance: r.mastodon.host,
          },
        ]
      : []),
  ]);
  const xIds = rows.map((r) => r.xId);
  await database.transaction(async (tx) => {
    const before = await snapshot(tx, xIds);
    const written = await tx.query<{ x_id: string }>(
      `INSERT INTO directory_entries
         (x_id, platform, target, account_id, handle, instance, source, source_detail, trusted, confirmed_at)
       SELECT x_id, platform, target, account_id, handle, instance, 'import', detail, $7, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::text[])
              AS u(x_id, platform, target, account_id, handle, instance, detail)
       ON CONFLICT (x_id, platform) DO UPDATE SET
         target = EXCLUDED.target, account_id = EXCLUDED.account_id, handle = EXCLUDED.handle,
         instance = EXCLUDED.instance, source_detail = EXCLUDED.source_detail,
         trusted = EXCLUDED.trusted, confirmed_at = now()
         WHERE directory_entries.source = 'import'
       RETURNING x_id`,
      [
        entries.map((e) => e.r.xId),
        entries.map((e) => e.platform),
        entries.map((e) => e.target),
        entries.map((e) => e.accountId),
        entries.map((e) => e.handle),
        entries.map((e) => e.instance),
        options.trusted,
        entries.map((e) => e.r.source),
      ],
    );
    report.mappings = written.length;
    report.keptSignups = entries.length - written.length;
    await recomputeUsable(tx, xIds);
    const { appeared, withdrawn } = diffEntries(before, await snapshot(tx, xIds));
    await withdrawTasksTo(tx, withdrawn);
    report.tasksCreated = await fanOutEntries(tx, appeared);
  });
  report.written = true;
  return report;
}
