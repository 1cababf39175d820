// Every language of the web app says everything English says: the same keys, the plural forms its
// own plural rules need, the same {{placeholders}}, no empty string and nothing extra. Each problem
// is reported as "language: key: what is wrong", so a key added in English names the work left.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/locales/en.ts';
import { LANGUAGES } from '../../src/ui/locales/index.ts';
import { flatten, parityProblems, pluralCategories } from './locale-parity.ts';

/** Of the languages Passerelle offers, those written right to left. */
const RIGHT_TO_LEFT = new Set(['ar']);
const UI = path.resolve(import.meta.dirname, '../../src/ui');
const filesIn = (dir: string, ext: string) =>
  readdirSync(path.join(UI, dir))
    .filter((name) => name.endsWith(ext) && name !== `index${ext}`)
    .map((name) => name.slice(0, -ext.length))
    .sort();

describe('translations', () => {
  const codes = LANGUAGES.map((l) => l.code);

  it('lists each language once, with its strings and its guide, and every file has its line', () => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(filesIn('locales', '.ts'), 'a locales/<code>.ts without its line in locales/index.ts').toEqual(
      [...codes].sort(),
    );
    expect(filesIn('guide', '.tsx'), 'guide/<code>.tsx for each listed language').toEqual([...codes].sort());
  });

  it.each(LANGUAGES.map((l) => [l.code, l] as const))(
    '%s has every key and placeholder of en',
    async (_, l) => {
      const strings = await l.load();
      expect(parityProblems(l.code, en, strings)).toEqual([]);
    },
  );

  it('names each language in itself, with Arabic right to left', () => {
    for (const l of LANGUAGES) {
      expect(l.name.trim(), l.code).not.toBe('');
      expect(l.dir, l.code).toBe(RIGHT_TO_LEFT.has(l.code) ? 'rtl' : 'ltr');
    }
  });
});

describe('the parity check itself', () => {
  const base = { a: 'Hello {{name}}', n: { x_one: '{{count}} item', x_other: '{{count}} items' } };

  it('passes a faithful translation and an Arabic-style plural that names its one', () => {
    const good = {
      a: 'Salut {{name}}',
      n: { x_one: 'un élément', x_many: '{{count}} d’éléments', x_other: '{{count}} éléments' },
    };
    expect(parityProblems('fr', base, good)).toEqual([]);
  });

  it('names the language and the key of each problem', () => {
    const bad = { a: 'Salut', extra: 'x', n: { x_one: '', x_other: 'éléments' } };
    expect(parityProblems('fr', base, bad)).toEqual([
      'fr: a: lacks {{name}}',
      'fr: n.x_one: is empty',
      'fr: n.x_many: missing (plural form "many" of n.x)',
      'fr: n.x_other: lacks {{count}}',
      'fr: extra: not in en',
    ]);
    expect(parityProblems('de', base, { n: base.n })).toEqual(['de: a: missing']);
  });

  it('takes plural categories from Intl, and one and other for a language Intl does not know', () => {
    expect(pluralCategories('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(pluralCategories('ja')).toEqual(['other']);
    expect(pluralCategories('zz')).toEqual(['one', 'other']);
  });

  it('flattens nested keys to dotted paths', () => {
    expect(flatten({ a: { b: 'x', c: { d: 'y' } } })).toEqual(
      new Map([
        ['a.b', 'x'],
        ['a.c.d', 'y'],
      ]),
    );
  });
});
