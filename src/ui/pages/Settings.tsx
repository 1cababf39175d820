// Settings: linked accounts, consents (all off until given), sessions on every device, download
// all my data, delete everything, sign out.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Consents,
  type ConsentsWithHistory,
  deleteAccount,
  getConsents,
  getSession,
  getShare,
  type ShareState,
  saveConsents,
  setPublicPage,
  signOut,
  type User,
  unlinkAccount,
} from '../api.ts';
import { EmailSetting } from '../email-settings.tsx';
import { describeError } from '../errors.ts';
import { ReauthButton } from '../link-actions.tsx';
import { SessionsList } from '../sessions-list.tsx';

/** The opt-in public page /@x_username: off by default, possible once the X account is proven. */
function PublicPageSetting({ onError }: { onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [share, setShare] = useState<ShareState | null>(null);
  useEffect(() => {
    getShare().then(setShare).catch(onError);
  }, [onError]);
  if (!share) return null;
  const url = share.username ? `${window.location.origin}/@${share.username}` : null;
  return (
    <section aria-labelledby="public-page-title">
      <h2 id="public-page-title">{t('settings.publicPageTitle')}</h2>
      {share.username ? (
        <p>
          <label>
            <input
              type="checkbox"
              data-testid="public-page"
              checked={share.publicPage}
              onChange={(e) => {
                // Shown at once; the server's answer confirms it, a refusal puts it back.
                const wanted = e.target.checked;
                setShare({ ...share, publicPage: wanted });
                setPublicPage(wanted)
                  .then(setShare)
                  .catch((err) => {
                    setShare({ ...share, publicPage: !wanted });
                    onError(err);
                  });
              }}
            />{' '}
            {t('settings.publicPage')}
          </label>
        </p>
      ) : (
        <p>{t('settings.publicPageNeedsProof')}</p>
      )}
      {share.publicPage && url && (
        <p>
          {t('settings.publicPageAt')} <a href={url}>{url}</a>
        </p>
      )}
    </section>
  );
}

export default function SettingsPage() {
  const { t, i18n } = useTranslation();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [consents, setConsents] = useState<ConsentsWithHistory | null>(null);
  useEffect(() => {
    getSession()
      .then((u) => {
        setUser(u);
        if (u) getConsents().then(setConsents).catch(setError);
      })
      .catch(setError);
  }, []);

  const onUnlink = async (platform: string) => {
    try {
      await unlinkAccount(platform);
      setUser(await getSession());
    } catch (err) {
      setError(err);
    }
  };
  const onConsent = async (key: keyof Consents, value: boolean) => {
    try {
      setConsents(await saveConsents({ [key]: value }));
    } catch (err) {
      setError(err);
    }
  };

  const onDelete = async () => {
    try {
      await deleteAccount();
      setDeleted(true);
      setUser(null);
      setConfirming(false);
    } catch (err) {
      setError(err);
    }
  };
  const onSessionError = useCallback((err: unknown) => setError(err), []);
  const onSignOut = async (everywhere: boolean) => {
    try {
      await signOut(everywhere);
      setUser(null);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>{t('settings.title')}</h1>
      {error !== null && (
        <p role="alert" className="notice error">
          {describeError(t, error)}
        </p>
      )}
      {deleted && (
        <p role="status" className="notice success" data-testid="deleted">
          {t('settings.deleted')}
        </p>
      )}
      {user === null && !deleted && <p>{t('settings.noSession')}</p>}
      {user && (
        <>
          <section aria-labelledby="linked-title">
            <h2 id="linked-title">{t('settings.linked')}</h2>
            {user.xAccountId && (
              <p>
                {t('settings.xAccount', {
                  id: user.archive?.username ? `@${user.archive.username}` : user.xAccountId,
                  state: t(user.xProven ? 'settings.proven' : 'settings.claimed'),
                })}
              </p>
            )}
            {user.linked.length === 0 ? (
              <p>{t('settings.noLinked')}</p>
            ) : (
              <ul>
                {user.linked.map((account) => (
                  <li key={account.platform}>
                    {account.platform === 'bluesky' ? 'Bluesky' : 'Mastodon'} — {account.handle} (
                    {t(`link.status.${account.status}`, { defaultValue: t('link.status.other') })}){' '}
                    {account.status === 'needs_reauth' && (
                      <ReauthButton platform={account.platform} onError={setError} />
                    )}{' '}
                    <button type="button" onClick={() => onUnlink(account.platform)}>
                      {t('settings.unlink', { handle: account.handle })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {consents && (
            <section aria-labelledby="consents-title">
              <h2 id="consents-title">{t('settings.consentsTitle')}</h2>
              {(['discoverable', 'autoFollow', 'followBack', 'publicStats'] as const).map((key) => (
                <p key={key}>
                  <label>
                    <input
                      type="checkbox"
                      checked={consents.consents[key] === true}
                      onChange={(e) => onConsent(key, e.target.checked)}
                      data-testid={`consent-${key}`}
                    />{' '}
                    {t(`settings.consent.${key}`)}
                  </label>
                  {consents.consents[key] === null && ` (${t('settings.unanswered')})`}
                  {key === 'publicStats' && (
                    <>
                      <br />
                      <small data-testid="public-stats-meaning">{t('settings.publicStatsMeaning')}</small>
                    </>
                  )}
                </p>
              ))}
              {consents.history.length > 0 && (
                <details>
                  <summary>{t('settings.consentHistory')}</summary>
                  <ul>
                    {consents.history.map((h) => (
                      <li key={`${h.consent}-${h.changedAt}`}>
                        {new Date(h.changedAt).toLocaleString(i18n.language)} —{' '}
                        {t(`settings.consent.${h.consent}`)}: {t(h.value ? 'settings.on' : 'settings.off')}
                        {h.givenBy === 'operator' && ` (${t('settings.byOperator')})`}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </section>
          )}
          <PublicPageSetting onError={setError} />
          <EmailSetting onError={onSessionError} />
          <SessionsList onError={onSessionError} onSignedOut={() => setUser(null)} />
          <section aria-labelledby="data-title">
            <h2 id="data-title">{t('settings.downloadTitle')}</h2>
            <p>
              <a className="button" href="/api/account/export" download="passerelle-my-data.json">
                {t('settings.download')}
              </a>
            </p>
            <p>
              <button type="button" onClick={() => onSignOut(false)}>
                {t('settings.signOut')}
              </button>{' '}
              <button type="button" onClick={() => onSignOut(true)}>
                {t('settings.signOutEverywhere')}
              </button>
            </p>
          </section>
          <section aria-labelledby="delete-title" className="danger">
            <h2 id="delete-title">{t('settings.deleteTitle')}</h2>
            <p>{t('settings.deleteExplain')}</p>
            {confirming ? (
              <p className="actions">
                <button type="button" className="danger" onClick={onDelete} data-testid="confirm-delete">
                  {t('settings.confirm')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('settings.cancel')}
                </button>
              </p>
            ) : (
              <button
                type="button"
                className="danger"
                onClick={() => setConfirming(true)}
                data-testid="delete"
              >
                {t('settings.delete')}
              </button>
            )}
          </section>
        </>
      )}
    </>
  );
}
