// The organisers' members file on a community's page: a CSV with an x_id column that the server
// checks row by row. Nothing is added while a row is refused, unless "skip refused rows" is ticked;
// the report says what was read, what was refused and why (codes translated here, never the
// server's English). Files past the upload bound are refused before anything is sent.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MEMBERS_CSV_CHARS } from '../communities/limits.ts';
import { MAX_BODY_BYTES } from '../web/body-size.ts';
import { importCommunityMembers, type MembersReport } from './api.ts';
import { describeError } from './errors.ts';
import { formatNumber } from './format.ts';

/** Refused lines listed one by one; past this, only how many more. */
const LISTED_REFUSALS = 50;
/** UTF-8 takes at most 4 bytes a character: a larger file cannot fit, unread. */
const MAX_FILE_BYTES = MAX_MEMBERS_CSV_CHARS * 4;

/** Whether the file, as the JSON the server receives, fits both of its bounds. */
function fits(csv: string, skipInvalid: boolean): boolean {
  if (csv.length > MAX_MEMBERS_CSV_CHARS) return false;
  return new TextEncoder().encode(JSON.stringify({ csv, skipInvalid })).length <= MAX_BODY_BYTES;
}

type Problem = { kind: 'tooLarge' } | { kind: 'api'; error: unknown } | null;

export function MembersUpload({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<MembersReport | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const max = formatNumber(MAX_MEMBERS_CSV_CHARS);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setReport(null);
    setProblem(null);
    const csv = file.size > MAX_FILE_BYTES ? null : await file.text();
    if (csv === null || !fits(csv, skipInvalid)) return setProblem({ kind: 'tooLarge' });
    setBusy(true);
    try {
      setReport(await importCommunityMembers(slug, { csv, skipInvalid }));
    } catch (error) {
      setProblem({ kind: 'api', error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={send} data-testid="members-upload">
      <h3>{t('community.membersCsv.title')}</h3>
      <p>{t('community.membersCsv.intro')}</p>
      <div className="field">
        <label htmlFor={fileId}>{t('community.membersCsv.file', { max })}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          required
          disabled={busy}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
        {t('community.membersCsv.skipInvalid')}
      </label>
      <button type="submit" disabled={busy || !file}>
        {t('community.membersCsv.send')}
      </button>
      <div aria-live="polite">
        {problem && (
          <p role="alert" className="notice error">
            {problem.kind === 'tooLarge'
              ? t('community.membersCsv.tooLarge', { max })
              : describeError(t, problem.error)}
          </p>
        )}
        {report && <Report report={report} />}
      </div>
    </form>
  );
}

function outcome(report: MembersReport): string {
  if (report.written) return 'community.membersCsv.written';
  if (report.rejected.length > 0) return 'community.membersCsv.notWritten';
  return 'community.membersCsv.empty';
}

function Report({ report }: { report: MembersReport }) {
  const { t } = useTranslation();
  const figures = [
    ['rows', report.rows],
    ['accepted', report.accepted],
    ['refused', report.rejected.length],
    ['invited', report.invited],
    ['alreadyMembers', report.alreadyMembers],
  ] as const;
  const listed = report.rejected.slice(0, LISTED_REFUSALS);
  return (
    <div data-testid="members-report">
      <p className={report.written ? 'notice success' : 'notice'}>{t(outcome(report))}</p>
      <table className="figures">
        <caption>{t('community.membersCsv.caption')}</caption>
        <tbody>
          {figures.map(([key, n]) => (
            <tr key={key}>
              <th scope="row">{t(`community.membersCsv.${key}`)}</th>
              <td>{formatNumber(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {listed.length > 0 && (
        <>
          <h4>{t('community.membersCsv.refusedTitle')}</h4>
          <ul data-testid="members-refused">
            {listed.map((row) => (
              <li key={row.line}>
                {t('community.membersCsv.line', { line: formatNumber(row.line) })}{' '}
                {t(`community.membersCsv.reason.${row.code}`, {
                  fields: formatNumber(row.fields ?? 0),
                  columns: formatNumber(row.columns ?? 0),
                  firstLine: formatNumber(row.firstLine ?? 0),
                })}
              </li>
            ))}
          </ul>
          {report.rejected.length > listed.length && (
            <p>
              {t('community.membersCsv.more', { more: formatNumber(report.rejected.length - listed.length) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
