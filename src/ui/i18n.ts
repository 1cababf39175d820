// The page's language with i18next: the saved choice first, else the first of the browser's
// languages Passerelle speaks, else English. A language's strings load before it is shown, so the
// page never flashes English first; <html lang> and dir follow the language (Arabic right to left).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { FALLBACK, isLanguage, type Language, languageInfo } from './locales/index.ts';

export { LANGUAGES, type Language } from './locales/index.ts';

const STORAGE_KEY = 'passerelle.lang';

/** "pt-BR" → "pt", "kab-DZ" → "kab": the languages are listed without region. */
function supported(tag: string): Language | undefined {
  const base = tag.toLowerCase().split('-')[0];
  return isLanguage(base) ? base : undefined;
}

export function detectLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage may be blocked: fall through to the browser's languages.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = supported(tag);
    if (lang) return lang;
  }
  return FALLBACK;
}

function applyToDocument(lang: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = languageInfo(lang)?.dir ?? 'ltr';
}

/** Loads the language's strings once; English is already there. */
async function ensureLoaded(lang: Language): Promise<boolean> {
  if (i18next.hasResourceBundle(lang, 'translation')) return true;
  try {
    const strings = await (languageInfo(lang)?.load() ?? Promise.reject(new Error(lang)));
    i18next.addResourceBundle(lang, 'translation', strings);
    return true;
  } catch {
    // The chunk did not arrive (offline, new deployment): stay in the current language.
    return false;
  }
}

let requested: Language = FALLBACK;

/** Switches once the strings are in; a later choice made while loading wins. */
async function switchTo(lang: Language): Promise<void> {
  requested = lang;
  const ready = await ensureLoaded(lang);
  if (ready && requested === lang) await i18next.changeLanguage(lang);
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not saved; the switch still applies to this page.
  }
  void switchTo(lang);
}

/** Resolves once the detected language's strings are loaded and applied: render after it. */
export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: FALLBACK,
    fallbackLng: FALLBACK,
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  i18next.on('languageChanged', applyToDocument);
  applyToDocument(FALLBACK);
  await switchTo(detectLanguage());
}
