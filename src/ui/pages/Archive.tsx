// Archive: the X zip (or its extracted files) is read here in the browser with zip.js; only the
// owner and the ID lists are sent (follows, blocks and mutes: account ids only). Progress, counts
// and errors are shown in the page language. An upload in parts can be cancelled, and is when the
// page is left before it ended.
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ArchiveSummary,
  getImportJob,
  getSession,
  getUploadLimits,
  startSession,
  uploadArchive,
} from '../api.ts';
import { describeError } from '../errors.ts';
import { formatDate, formatNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { idCount, sendInParts, UploadCancelled } from '../upload-parts.ts';

type Found = { username: string; following: number; followers: number };
type Count = { done: number; total: number };
type Warning = { code: string; params: Record<string, string | number> };
type State =
  | { phase: 'idle' }
  | { phase: 'reading'; file: string; done: number; total: number }
  | { phase: 'uploading'; found: Found; stored?: Count; sent?: Count }
  | { phase: 'done'; found: Found; archive: ArchiveSummary; warnings: Warning[] }
  | { phase: 'cancelled' }
  | { phase: 'error'; error: unknown };

async function readAndSend(
  files: File[],
  onState: (state: State) => void,
  signal: AbortSignal,
): Promise<void> {
  const [{ openArchiveFiles }, { readArchive }] = await Promise.all([
    import('../../archive/browser.ts'),
    import('../../archive/read.ts'),
  ]);
  const session = startSession();
  session.catch(() => {}); // awaited below; a reading error may come first
  const source = await openArchiveFiles(files);
  try {
    const result = await readArchive(source, {
      onProgress: (p) => onState({ phase: 'reading', file: p.file, done: p.bytesDone, total: p.bytesTotal }),
    });
    const found = {
      username: result.owner.username,
      following: result.following.size,
      followers: result.followers.size,
    };
    onState({ phase: 'uploading', found });
    await session;
    const warnings = result.warnings.map((w) => ({ code: w.code, params: w.params }));
    // Lists of more ids than one part holds go in parts, whatever one body could take.
    const { partIds } = await getUploadLimits();
    if (idCount(result) > partIds) {
      const archive = await sendInParts(
        result,
        partIds,
        warnings,
        (done, total) => {
          if (!signal.aborted) onState({ phase: 'uploading', found, sent: { done, total } });
        },
        signal,
      );
      onState({ phase: 'done', found, archive, warnings });
      return;
    }
    const stopFollowing = followImportJob((stored) => onState({ phase: 'uploading', found, stored }));
    try {
      const { archive } = await uploadArchive({
        owner: result.owner,
        following: result.following.toArray(),
        followers: result.followers.toArray(),
        blocking: result.blocking.toArray(),
        muting: result.muting.toArray(),
        layout: result.layout,
        source: result.source,
        warnings,
      });
      onState({ phase: 'done', found, archive, warnings });
    } finally {
      stopFollowing();
    }
  } finally {
    await source.close();
  }
}

/** The server stores large lists for a while: its job's progress is read every second meanwhile. */
function followImportJob(onProgress: (stored: { done: number; total: number }) => void): () => void {
  let stopped = false;
  const poll = async () => {
    if (stopped) return;
    const { job } = await getImportJob().catch(() => ({ job: null }));
    if (!stopped && job?.state === 'staging') onProgress({ done: job.done, total: job.total });
    if (!stopped) timer = setTimeout(poll, 1000);
  };
  let timer = setTimeout(poll, 1000);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function Progress({ state }: { state: State }) {
  const { t } = useTranslation();
  if (state.phase === 'reading') {
    const percent = state.total > 0 ? Math.round((100 * state.done) / state.total) : 0;
    return (
      <div className="progress">
        <label>
          {t('archive.reading', { file: state.file })}
          <progress max={100} value={percent} aria-label={t('archive.progressLabel')}>
            {percent}%
          </progress>
        </label>
      </div>
    );
  }
  if (state.phase === 'uploading') {
    return (
      <div className="progress">
        <p>
          {t('archive.found', {
            username: state.found.username,
            following: t('archive.foundFollowing', { count: state.found.following }),
            followers: t('archive.foundFollowers', { count: state.found.followers }),
          })}
        </p>
        {state.sent && (
          <CountProgress labelKey="archive.sendingParts" testId="archive-sending" count={state.sent} />
        )}
        {state.stored && (
          <CountProgress labelKey="archive.storing" testId="archive-storing" count={state.stored} />
        )}
        {!state.sent && !state.stored && (
          <label>
            {t('archive.uploading')}
            <progress aria-label={t('archive.uploading')} />
          </label>
        )}
      </div>
    );
  }
  return null;
}

/** A count of accounts sent or stored so far, out of the lists' total. */
function CountProgress({ labelKey, testId, count }: { labelKey: string; testId: string; count: Count }) {
  const { t } = useTranslation();
  const label = t(labelKey, { done: formatNumber(count.done), count: count.total });
  return (
    <label data-testid={testId}>
      {label}
      <progress max={Math.max(count.total, 1)} value={count.done} aria-label={label} />
    </label>
  );
}

export default function ArchivePage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [current, setCurrent] = useState<ArchiveSummary | null>(null);
  const zipId = useId();
  const folderId = useId();
  const busy = state.phase === 'reading' || state.phase === 'uploading';
  const upload = useRef<AbortController | null>(null);
  const [cancelling, setCancelling] = useState(false);

  // Leaving the page (closing the tab, going elsewhere) cancels an upload in parts still going.
  useEffect(() => {
    const leave = () => upload.current?.abort();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, []);

  useEffect(() => {
    getSession()
      .then((user) => setCurrent(user?.archive ?? null))
      .catch(() => {});
  }, []);

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setState({ phase: 'reading', file: files[0]?.name ?? '', done: 0, total: 0 });
    setCancelling(false);
    const controller = new AbortController();
    upload.current = controller;
    readAndSend(files, setState, controller.signal)
      .catch((error: unknown) =>
        setState(error instanceof UploadCancelled ? { phase: 'cancelled' } : { phase: 'error', error }),
      )
      .finally(() => {
        if (upload.current === controller) upload.current = null;
      });
  };

  const cancel = () => {
    setCancelling(true);
    upload.current?.abort();
  };

  return (
    <>
      <h1>{t('archive.title')}</h1>
      <p>{t('archive.intro')}</p>
      {current && state.phase !== 'done' && (
        <p data-testid="archive-current">
          {t('archive.current', {
            username: current.username ?? current.xAccountId,
            following: t('archive.currentFollowing', { count: current.following }),
            followers: t('archive.foundFollowers', { count: current.followers }),
            date: formatDate(current.importedAt),
          })}
        </p>
      )}
      <div className="field">
        <label htmlFor={zipId}>{t('archive.chooseZip')}</label>
        <input
          id={zipId}
          type="file"
          accept=".zip,.js,application/zip"
          multiple
          disabled={busy}
          onChange={onFiles}
          data-testid="archive-input"
        />
      </div>
      <div className="field">
        <label htmlFor={folderId}>{t('archive.chooseFolder')}</label>
        <input
          id={folderId}
          type="file"
          disabled={busy}
          onChange={onFiles}
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
        />
      </div>
      <div aria-live="polite" role="status">
        <Progress state={state} />
        {state.phase === 'cancelled' && (
          <p className="notice" data-testid="archive-cancelled">
            {t('archive.cancelled')}
          </p>
        )}
        {state.phase === 'done' && (
          <div className="notice success" data-testid="archive-done">
            <p>
              {t('archive.stored', {
                following: t('archive.storedFollowing', { count: state.found.following }),
                followers: t('archive.storedFollowers', { count: state.found.followers }),
              })}
            </p>
            {state.warnings.length > 0 && (
              <>
                <p>{t('archive.warnings')}</p>
                <ul>
                  {state.warnings.map((w) => (
                    <li key={w.code}>
                      {t(`archiveWarning.${w.code}`, {
                        ...w.params,
                        defaultValue: t('archive.warningOther'),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>
              <Link href="/signup" className="button primary">
                {t('archive.next')}
              </Link>
            </p>
          </div>
        )}
      </div>
      {state.phase === 'uploading' && state.sent && (
        <p>
          <button type="button" onClick={cancel} disabled={cancelling} data-testid="archive-cancel">
            {t('archive.cancel')}
          </button>
        </p>
      )}
      {state.phase === 'error' && (
        <div className="notice error" role="alert" data-testid="archive-error">
          <p>
            <strong>{t('archive.failed')}</strong>
          </p>
          <p>{describeError(t, state.error)}</p>
        </div>
      )}
    </>
  );
}
