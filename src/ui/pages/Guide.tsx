/// <reference types="vite/client" />
// Migration guide, one text per language (guide/<code>.tsx exporting Guide<Code>), each loaded
// when shown; English only for a language whose guide is missing.
import { type ComponentType, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { GuideEn } from '../guide/en.tsx';

type GuideModule = Record<string, ComponentType>;
const guides = import.meta.glob<GuideModule>(['../guide/*.tsx', '!../guide/en.tsx']);

/** The module's Guide<Code> component. */
function guideIn(module: GuideModule): ComponentType {
  const found = Object.entries(module).find(([name]) => name.startsWith('Guide'));
  return found ? found[1] : GuideEn;
}

// One lazy component per language, made outside rendering: a render that suspends is thrown
// away, so a component made during it would start loading again on every retry.
const made = new Map<string, ComponentType>();
function guideFor(lang: string): ComponentType {
  const load = guides[`../guide/${lang}.tsx`];
  if (!load) return GuideEn;
  let guide = made.get(lang);
  if (!guide) {
    guide = lazy(() => load().then((m) => ({ default: guideIn(m) })));
    made.set(lang, guide);
  }
  return guide;
}

export default function GuidePage() {
  const { i18n } = useTranslation();
  // While a guide loads, the shell's Suspense shows that the page is loading.
  const Guide = guideFor(i18n.language);
  return <Guide />;
}
