// The sign-up page shows the translation of a known ?error= code and never text from its address:
// a link with ?message= (or an unknown code) cannot make Passerelle say anything.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpErrorText } from '../../src/ui/errors.ts';
import { en } from '../../src/ui/locales/en.ts';
import { fr } from '../../src/ui/locales/fr.ts';
import { signUpPage } from '../../src/web/errors.ts';

const LURE = 'Your account is locked: call +1 555 0100 now';

describe('sign-up page errors', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'en',
      resources: { en: { translation: en }, fr: { translation: fr } },
      interpolation: { escapeValue: false },
    });
    t = i18n.t;
  });
  const shown = (query: string) => signUpErrorText(t, new URLSearchParams(query));

  it('shows the translation of a known code, not the message beside it', () => {
    expect(shown(`error=LINK_FAILED&message=${encodeURIComponent(LURE)}`)).toBe(en.signup.errors.LINK_FAILED);
    expect(shown('error=RATE_LIMITED&retryAfterSeconds=42')).toBe(
      'Too many attempts from here. Try again in 42 seconds.',
    );
    expect(shown(`error=RATE_LIMITED&retryAfterSeconds=${encodeURIComponent(LURE)}`)).not.toContain('call');
  });

  it('shows the general notice for any other code', () => {
    for (const code of [LURE, 'NO_SUCH_CODE', 'signup.title', 'failed', '__proto__'])
      expect(shown(`error=${encodeURIComponent(code)}&message=${encodeURIComponent(LURE)}`), code).toBe(
        en.signup.failed,
      );
    expect(shown('linked=mastodon')).toBeNull();
  });

  it('has every code the server sends translated in both languages', () => {
    for (const code of Object.keys(en.signup.errors)) expect(fr.signup.errors).toHaveProperty(code);
  });

  it('leaves free text out of the address the server sends people back to', () => {
    const url = signUpPage({ platform: 'mastodon', error: 'LINK_FAILED', message: LURE });
    expect(url).toBe('/signup?platform=mastodon&error=LINK_FAILED');
  });
});
