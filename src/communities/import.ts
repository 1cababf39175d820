// An organiser's list of members: a CSV with an `x_id` column (other columns are ignored), checked
// row by row as the directory import is. All or nothing unless skipInvalid; imported people are
// `invited` until they say yes themselves. Someone already in the community stays as they are.
import type { Database } from '../db/index.ts';
import { parseCsv } from '../directory/csv.ts';

export class MembersImportError extends Error {
  readonly code = 'COMMUNITY_MEMBERS_CSV';
  constructor(message: string) {
    super(message);
    this.name = 'MembersImportError';
  }
}

/** Why a row was refused: a code the web page translates, its figures, and the same in English. */
export interface RejectedRow {
  line: number;
  code: 'FIELD_COUNT' | 'X_ID_INVALID' | 'X_ID_REPEATED';
  /** FIELD_COUNT: the row's fields and the header's; X_ID_REPEATED: the line it first appeared on. */
  fields?: number;
  columns?: number;
  firstLine?: number;
  reason: string;
}

export interface MembersReport {
  rows: number;
  accepted: number;
  rejected: RejectedRow[];
  /** Whether anything was written (false when rows were rejected and skipInvalid was off). */
  written: boolean;
  /** New invited members. */
  invited: number;
  /** Rows naming someone already in the community (invited, joined or left). */
  alreadyMembers: number;
}

const X_ID = /^[0-9]{1,20}$/;
/** A generous ceiling: one organiser's file, not a dump of X. */
export const MAX_MEMBER_ROWS = 200_000;

export function validateMembers(text: string): {
  xIds: string[];
  rejected: MembersReport['rejected'];
  total: number;
} {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    throw new MembersImportError(`The file is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const col = names.indexOf('x_id');
  if (!header || col < 0)
    throw new MembersImportError(
      'The first line must name the columns, with one called x_id (the X account ids, digits only).',
    );
  if (body.length > MAX_MEMBER_ROWS)
    throw new MembersImportError(`The file has ${body.length} rows; at most ${MAX_MEMBER_ROWS} at once.`);
  const xIds: string[] = [];
  const rejected: MembersReport['rejected'] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of body) {
    const xId = (fields[col] ?? '').trim();
    const earlier = seen.get(xId);
    const refused = whyRefused(fields.length, names.length, xId, earlier);
    if (refused) rejected.push({ line, ...refused });
    else {
      seen.set(xId, line);
      xIds.push(xId);
    }
  }
  return { xIds, rejected, total: body.length };
}

function whyRefused(
  fields: number,
  columns: number,
  xId: string,
  earlier: number | undefined,
): Omit<RejectedRow, 'line'> | null {
  if (fields !== columns)
    return {
      code: 'FIELD_COUNT',
      fields,
      columns,
      reason: `has ${fields} fields, the header has ${columns}`,
    };
  if (!X_ID.test(xId))
    return {
      code: 'X_ID_INVALID',
      reason: `x_id "${xId.slice(0, 30)}" is not an X account id (1 to 20 digits)`,
    };
  if (earlier !== undefined)
    return {
      code: 'X_ID_REPEATED',
      firstLine: earlier,
      reason: `x_id ${xId} already appears on line ${earlier}`,
    };
  return null;
}

export async function importMembers(
  database: Database,
  communityId: number,
  text: string,
  options: { skipInvalid?: boolean } = {},
): Promise<MembersReport> {
  const { xIds, rejected, total } = validateMembers(text);
  const report: MembersReport = {
    rows: total,
    accepted: xIds.length,
    rejected,
    written: false,
    invited: 0,
    alreadyMembers: 0,
  };
  if ((rejected.length > 0 && !options.skipInvalid) || xIds.length === 0) return report;
  await database.transaction(async (tx) => {
    for (let i = 0; i < xIds.length; i += 10_000) {
      const chunk = xIds.slice(i, i + 10_000);
      const rows = await tx.query(
        `INSERT INTO community_members (community_id, x_id, state, source)
         SELECT $1, x, 'invited', 'import' FROM unnest($2::text[]) AS u(x)
         ON CONFLICT (community_id, x_id) DO NOTHING RETURNING 1`,
        [communityId, chunk],
      );
      report.invited += rows.length;
    }
  });
  report.alreadyMembers = xIds.length - report.invited;
  report.written = true;
  return report;
}
