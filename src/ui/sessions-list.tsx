// Settings' list of the person's sessions on every device: where (browser and system), since
// when, last used; each can be signed out (a POST with the CSRF token), or all but this one.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listSessions, type SessionView, signOutOtherSessions, signOutSession } from './api.ts';
import { formatDateTime } from './format.ts';

export function SessionsList({
  onError,
  onSignedOut,
}: {
  onError: (e: unknown) => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const load = useCallback(() => listSessions().then((r) => setSessions(r.sessions), onError), [onError]);
  useEffect(() => {
    void load();
  }, [load]);
  const end = async (session: SessionView) => {
    try {
      await signOutSession(session.id);
      if (session.current) onSignedOut();
      else await load();
    } catch (err) {
      onError(err);
    }
  };
  const endOthers = async () => {
    try {
      await signOutOtherSessions();
      await load();
    } catch (err) {
      onError(err);
    }
  };
  if (!sessions) return null;
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions.title')}</h2>
      <ul className="sessions" data-testid="sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <strong>{s.device ?? t('sessions.unknownDevice')}</strong>
            {s.current && ` (${t('sessions.thisDevice')})`} —{' '}
            {t('sessions.times', {
              created: formatDateTime(s.createdAt),
              seen: formatDateTime(s.lastSeenAt),
            })}{' '}
            <button type="button" onClick={() => end(s)}>
              {s.current ? t('settings.signOut') : t('sessions.signOutThere')}
            </button>
          </li>
        ))}
      </ul>
      {sessions.length > 1 && (
        <p>
          <button type="button" onClick={endOthers} data-testid="sign-out-others">
            {t('sessions.signOutOthers')}
          </button>
        </p>
      )}
    </section>
  );
}
