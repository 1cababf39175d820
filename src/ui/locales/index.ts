// The languages of the web app: each one's code, its name in itself, its writing direction and how
// its strings load. Adding a language is its two files (locales/<code>.ts, guide/<code>.tsx) and a
// line here. English is bundled (it is the fallback); every other language loads when chosen.
import { en } from './en.ts';

/** A language's strings: en.ts's structure, with the plural keys its own plural rules need. */
export type Strings = Record<string, unknown>;

export interface LanguageInfo {
  code: string;
  /** The language's name in itself, as the picker shows it. */
  name: string;
  dir: 'ltr' | 'rtl';
  load: () => Promise<Strings>;
}

export const LANGUAGES = [
  { code: 'ar', name: 'العربية', dir: 'rtl', load: () => import('./ar.ts').then((m) => m.ar) },
  { code: 'ca', name: 'Català', dir: 'ltr', load: () => import('./ca.ts').then((m) => m.ca) },
  { code: 'cs', name: 'Čeština', dir: 'ltr', load: () => import('./cs.ts').then((m) => m.cs) },
  { code: 'de', name: 'Deutsch', dir: 'ltr', load: () => import('./de.ts').then((m) => m.de) },
  { code: 'el', name: 'Ελληνικά', dir: 'ltr', load: () => import('./el.ts').then((m) => m.el) },
  { code: 'en', name: 'English', dir: 'ltr', load: () => Promise.resolve(en) },
  { code: 'es', name: 'Español', dir: 'ltr', load: () => import('./es.ts').then((m) => m.es) },
  { code: 'fr', name: 'Français', dir: 'ltr', load: () => import('./fr.ts').then((m) => m.fr) },
  { code: 'gl', name: 'Galego', dir: 'ltr', load: () => import('./gl.ts').then((m) => m.gl) },
  { code: 'it', name: 'Italiano', dir: 'ltr', load: () => import('./it.ts').then((m) => m.it) },
  { code: 'ja', name: '日本語', dir: 'ltr', load: () => import('./ja.ts').then((m) => m.ja) },
  { code: 'kab', name: 'Taqbaylit', dir: 'ltr', load: () => import('./kab.ts').then((m) => m.kab) },
  { code: 'pt', name: 'Português', dir: 'ltr', load: () => import('./pt.ts').then((m) => m.pt) },
  { code: 'sv', name: 'Svenska', dir: 'ltr', load: () => import('./sv.ts').then((m) => m.sv) },
] as const satisfies readonly LanguageInfo[];

export type Language = (typeof LANGUAGES)[number]['code'];

export const FALLBACK: Language = 'en';

export function languageInfo(code: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.code === code);
}

export function isLanguage(value: string | null | undefined): value is Language {
  return value != null && languageInfo(value) !== undefined;
}
