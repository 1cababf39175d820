// What settings shows to tell sessions apart: "Firefox on Windows", from the User-Agent header.
// Only this summary is kept, never the header itself. Names of browsers and systems are proper
// nouns, the same in every language; an unknown one is stored as null and shown translated.

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrom(?:e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

const first = (table: ReadonlyArray<[RegExp, string]>, ua: string) =>
  table.find(([pattern]) => pattern.test(ua))?.[1];

/** "Chrome on Linux", "Firefox", "Android"; null when nothing is recognised. */
export function deviceSummary(userAgent: string | undefined): string | null {
  const ua = (userAgent ?? '').slice(0, 512);
  const browser = first(BROWSERS, ua);
  const system = first(SYSTEMS, ua);
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? null;
}
