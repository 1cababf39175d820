// The one-field form that names a network account before going to the network: a Bluesky
// handle or a Mastodon server. Sign-up (linking) and sign-in both use it.
import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';

export type Network = 'bluesky' | 'mastodon';

const FIELDS = {
  bluesky: { name: 'handle', label: 'signup.blueskyHandle', placeholder: 'alice.bsky.social' },
  mastodon: { name: 'instance', label: 'signup.mastodonInstance', placeholder: 'mastodon.social' },
} as const;

/** Calls `onAccount` with the network and the trimmed field ({ handle } or { instance }). */
export function AccountForm(props: {
  platform: Network;
  submit: string;
  testId: string;
  onAccount: (platform: Network, input: { handle?: string; instance?: string }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const field = FIELDS[props.platform];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get(field.name) ?? '').trim();
    props.onAccount(props.platform, { [field.name]: value });
  };
  return (
    <form method="post" onSubmit={onSubmit} className="inline" data-testid={props.testId}>
      <label htmlFor={id}>{t(field.label)}</label>
      <input
        id={id}
        name={field.name}
        required
        placeholder={field.placeholder}
        autoComplete={props.platform === 'bluesky' ? 'username' : undefined}
      />
      <button type="submit">{props.submit}</button>
    </form>
  );
}
