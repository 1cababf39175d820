// Migration guide, one text per language.
import { useTranslation } from 'react-i18next';
import { GuideEn } from '../guide/en.tsx';
import { GuideFr } from '../guide/fr.tsx';

export default function GuidePage() {
  const { i18n } = useTranslation();
  return i18n.language === 'fr' ? <GuideFr /> : <GuideEn />;
}
