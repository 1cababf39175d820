// The one question sign-up asks: may the people who followed you on X find you here? Nothing is
// pre-ticked: until the person answers, nothing of them is shown to anyone. The answer is a PUT
// with the CSRF token carrying it; settings can change it later.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getConsents, saveConsents, startSession, type User } from './api.ts';
import { describeError } from './errors.ts';
import { Link } from './router.tsx';

export function DiscoverableQuestion({ user, onUser }: { user: User | null; onUser: (u: User) => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<boolean | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!user) {
      setAnswer(null);
      return;
    }
    getConsents().then((c) => setAnswer(c.consents.discoverable), setError);
  }, [user]);
  const give = async (value: boolean) => {
    setError(null);
    try {
      // A first visit has no session yet: answering starts one.
      if (!user) onUser(await startSession());
      setAnswer((await saveConsents({ discoverable: value })).consents.discoverable);
    } catch (err) {
      setError(err);
    }
  };
  const answered = answer === true || answer === false;
  return (
    <section className={`step ${answered ? 'done' : ''}`} aria-labelledby="discoverable-title">
      <h2 id="discoverable-title">
        {t('consentQuestion.title')}{' '}
        <span className="state" data-testid="discoverable-state">
          {answer === true
            ? t('consentQuestion.yesState')
            : answer === false
              ? t('consentQuestion.noState')
              : t('consentQuestion.unanswered')}
        </span>
      </h2>
      <p>{t('consentQuestion.meaning')}</p>
      <p>{t('consentQuestion.until')}</p>
      {error !== null && (
        <p role="alert" className="notice error">
          {describeError(t, error)}
        </p>
      )}
      {answered ? (
        <p>
          <Link href="/settings">{t('consentQuestion.change')}</Link>
        </p>
      ) : (
        <p className="actions">
          <button type="button" className="primary" onClick={() => give(true)} data-testid="discoverable-yes">
            {t('consentQuestion.yes')}
          </button>
          <button type="button" onClick={() => give(false)} data-testid="discoverable-no">
            {t('consentQuestion.no')}
          </button>
        </p>
      )}
    </section>
  );
}
