/// <reference types="vite/client" />
// Migration guide, one text per language (guide/<code>.tsx exporting Guide<Code>), each loaded
// when shown; English only for a language whose guide is missing.
import { type ComponentType, lazy, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GuideEn } from '../guide/en.tsx';

type GuideModule = Record<string, ComponentType>;
const guides = import.meta.glob<GuideModule>(['../guide/*.tsx', '!../guide/en.tsx']);

function guideLoader(lang: string): (() => Promise<GuideModule>) | undefined {
  return guides[`../guide/${lang}.tsx`];
}

/** The module's Guide<Code> component. */
function guideIn(module: GuideModule): ComponentType {
  const found = Object.entries(module).find(([name]) => name.startsWith('Guide'));
  return found ? found[1] : GuideEn;
}

export default function GuidePage() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const Guide = useMemo(() => {
    const load = guideLoader(lang);
    return load ? lazy(() => load().then((m) => ({ default: guideIn(m) }))) : GuideEn;
  }, [lang]);
  // While a guide loads, the shell's Suspense shows that the page is loading.
  return <Guide />;
}
