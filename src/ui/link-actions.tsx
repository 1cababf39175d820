// Starting a link from any page: a POST carrying the CSRF token, then the browser goes to the
// network's page. Replacing a linked account asks first; re-authorising is one click.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type LinkStart, startLink } from './api.ts';
import { Link } from './router.tsx';

export type Network = 'bluesky' | 'mastodon';

/** Sends the browser to the network; a link already there is replaced only once the person agrees. */
export async function goLink(t: TFunction, platform: Network, input: LinkStart): Promise<void> {
  try {
    const { url } = await startLink(platform, input);
    window.location.assign(url);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'LINK_EXISTS' && !input.replace) {
      if (!window.confirm(t('link.replaceConfirm', { handle: String(err.params.handle ?? '') }))) return;
      return goLink(t, platform, { ...input, replace: true });
    }
    throw err;
  }
}

/** One click: sign in again at the network; the same link becomes active and its follows resume. */
export function ReauthButton({ platform, onError }: { platform: Network; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const name = platform === 'bluesky' ? 'Bluesky' : 'Mastodon';
  return (
    <button
      type="button"
      className="primary"
      disabled={busy}
      data-testid={`reauth-${platform}`}
      onClick={() => {
        setBusy(true);
        goLink(t, platform, { reauthorize: true })
          .catch(onError)
          .finally(() => setBusy(false));
      }}
    >
      {t('link.reauthorise', { network: name })}
    </button>
  );
}

/** Before any account is linked: what to do first, and the way to the sign-up page. */
export function LinkFirst({ text, action, testId }: { text: string; action: string; testId: string }) {
  return (
    <p className="notice" data-testid={testId}>
      {text}{' '}
      <Link href="/signup" className="button primary">
        {action}
      </Link>
    </p>
  );
}
