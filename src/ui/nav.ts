// The pages of the header's navigation, in order, with their labels' keys.
export const NAV = [
  '/',
  '/signup',
  '/signin',
  '/archive',
  '/matches',
  '/progress',
  '/pledge',
  '/communities',
  '/stats',
  '/guide',
  '/settings',
] as const;

export const NAV_KEYS: Record<(typeof NAV)[number], string> = {
  '/': 'nav.home',
  '/signup': 'nav.signup',
  '/signin': 'nav.signin',
  '/archive': 'nav.archive',
  '/matches': 'nav.matches',
  '/progress': 'nav.progress',
  '/pledge': 'nav.pledge',
  '/communities': 'nav.communities',
  '/stats': 'nav.stats',
  '/guide': 'nav.guide',
  '/settings': 'nav.settings',
};
