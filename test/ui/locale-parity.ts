// Compares a language's strings with English: keys, plural forms, placeholders, empty strings.
// Each problem reads "language: key: what is wrong".

type Tree = { readonly [key: string]: unknown };

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Categories where the word itself says the number ("one", "two"): the number may go unsaid. */
const NUMBER_IN_WORD = new Set(['zero', 'one', 'two']);

export function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object')
      for (const [k, v] of flatten(value as Tree, at)) out.set(k, v);
    else out.set(at, value);
  }
  return out;
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1] as string);
}

/**
 * The plural categories i18next asks of a language (it uses Intl.PluralRules). A language Intl does
 * not know resolves to another locale's rules; one and other is then the sensible minimum.
 */
export function pluralCategories(lang: string): string[] {
  if (Intl.PluralRules.supportedLocalesOf(lang).length === 0) return ['one', 'other'];
  return new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
}

/** The keys a language must have, each with the English text whose placeholders it must carry. */
function expectedKeys(lang: string, english: Map<string, unknown>) {
  const expected = new Map<string, { source: string; category?: string; base?: string }>();
  for (const [key, value] of english) {
    const plural = PLURAL.exec(key);
    if (!plural) {
      expected.set(key, { source: String(value) });
      continue;
    }
    const base = key.slice(0, plural.index);
    if (expected.has(`${base}_other`)) continue;
    const source = String(english.get(`${base}_other`) ?? value);
    for (const category of pluralCategories(lang))
      expected.set(`${base}_${category}`, { source, category, base });
  }
  return expected;
}

function textProblems(text: string, source: string, category: string | undefined): string[] {
  if (text.trim() === '') return ['is empty'];
  const have = new Set(placeholders(text));
  const lacking = [...new Set(placeholders(source))].filter((name) => !have.has(name));
  // "one", "two": the word may stand for the number, so one placeholder may go unsaid.
  const allowed = category && NUMBER_IN_WORD.has(category) ? 1 : 0;
  return lacking.length > allowed ? lacking.map((name) => `lacks {{${name}}}`) : [];
}

export function parityProblems(lang: string, english: Tree, translation: Tree): string[] {
  const theirs = flatten(translation);
  const expected = expectedKeys(lang, flatten(english));
  const problems: string[] = [];
  for (const [key, { source, category, base }] of expected) {
    const text = theirs.get(key);
    if (text === undefined) {
      problems.push(`${lang}: ${key}: missing${category ? ` (plural form "${category}" of ${base})` : ''}`);
    } else if (typeof text !== 'string') {
      problems.push(`${lang}: ${key}: is not a string`);
    } else {
      for (const problem of textProblems(text, source, category))
        problems.push(`${lang}: ${key}: ${problem}`);
    }
  }
  for (const key of theirs.keys()) if (!expected.has(key)) problems.push(`${lang}: ${key}: not in en`);
  return problems;
}
