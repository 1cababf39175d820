// Pledge: "I will leave X when N% of the people I follow have moved" (or on a date), and progress.
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivationBanner } from '../activation.tsx';
import { getPledge, type Pledge, savePledge, startSession, withdrawPledge } from '../api.ts';
import { describeError } from '../errors.ts';
import { formatDate } from '../format.ts';
import { HereSummary } from '../here.tsx';

export default function PledgePage() {
  const { t } = useTranslation();
  const ids = { percent: useId(), date: useId(), email: useId() };
  const [data, setData] = useState<Pledge | null>(null);
  const [kind, setKind] = useState<'percent' | 'date'>('percent');
  const [percent, setPercent] = useState(50);
  const [date, setDate] = useState('');
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState<'idle' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    getPledge()
      .then((p) => {
        setData(p);
        if (p.pledge) {
          setKind(p.pledge.kind);
          if (p.pledge.percent) setPercent(p.pledge.percent);
          if (p.pledge.leaveOn) setDate(p.pledge.leaveOn);
          if (p.pledge.email) setEmail(p.pledge.email);
        }
      })
      .catch(() => {});
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await startSession();
      const body = kind === 'percent' ? { kind, percent } : { kind, leaveOn: date };
      setData(await savePledge(email ? { ...body, email } : body));
      setStatus('saved');
    } catch (err) {
      setError(err);
    }
  };
  const onWithdraw = async () => {
    try {
      await withdrawPledge();
      setData((d) => (d ? { ...d, pledge: null } : d));
    } catch (err) {
      setError(err);
    }
  };

  const progress = data?.progress;
  return (
    <>
      <h1>{t('pledge.title')}</h1>
      <p>{t('pledge.intro')}</p>
      <ActivationBanner />
      {progress && <HereSummary here={progress} />}
      {data?.pledge?.reachedAt && (
        <p className="notice success">{t('pledge.reached', { date: formatDate(data.pledge.reachedAt) })}</p>
      )}
      <form onSubmit={onSubmit}>
        <fieldset>
          <legend className="sr-only">{t('pledge.title')}</legend>
          <label className="choice">
            <input
              type="radio"
              name="kind"
              checked={kind === 'percent'}
              onChange={() => setKind('percent')}
            />
            {t('pledge.percentChoice')}
          </label>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === 'date'} onChange={() => setKind('date')} />
            {t('pledge.dateChoice')}
          </label>
        </fieldset>
        {kind === 'percent' ? (
          <div className="field">
            <label htmlFor={ids.percent}>{t('pledge.percent')}</label>
            <input
              id={ids.percent}
              type="number"
              min={1}
              max={100}
              required
              value={percent}
              onChange={(e) => setPercent(Number(e.target.value))}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={ids.date}>{t('pledge.date')}</label>
            <input
              id={ids.date}
              type="date"
              required
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.email}>{t('pledge.email')}</label>
          <input
            id={ids.email}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <p className="actions">
          <button type="submit" className="primary">
            {t('pledge.save')}
          </button>
          {data?.pledge && (
            <button type="button" onClick={onWithdraw}>
              {t('pledge.withdraw')}
            </button>
          )}
        </p>
      </form>
      <div aria-live="polite">
        {status === 'saved' && <p className="notice success">{t('pledge.saved')}</p>}
        {error !== null && (
          <p role="alert" className="notice error">
            {describeError(t, error)}
          </p>
        )}
      </div>
    </>
  );
}
