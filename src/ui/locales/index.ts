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
  { code: 'en', name: 'English', dir: 'ltr', load: () => Promise.resolve(en) },
  { code: 'fr', name: 'Français', dir: 'ltr', load: () => import('./fr.ts').then((m) => m.fr) },
] as const satisfies readonly LanguageInfo[];

export type Language = (typeof LANGUAGES)[number]['code'];

export const FALLBACK: Language = 'en';

export function languageInfo(code: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.code === code);
}

export function isLanguage(value: string | null | undefined): value is Language {
  return value != null && languageInfo(value) !== undefined;
}
