/**
 * Every interface string exists in en, ru and zh (core strings and every area registered with
 * addStrings), and formats follow the language. Runs in Node: i18next needs no browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18n, { negotiateLanguage } from './i18n.ts';
import { formatters } from './format.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const file of fs.readdirSync(path.join(here, 'strings')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
  await import(path.join(here, 'strings', file));
}

/** Every leaf of a resource tree as [dotted key, value]. */
function leaves(tree: unknown, prefix = ''): [string, unknown][] {
  if (tree === null || typeof tree !== 'object') return [[prefix, tree]];
  return Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

test('every interface string has a Russian and a Chinese form', () => {
  const en = new Map(leaves(i18n.getResourceBundle('en', 'translation')));
  assert.ok(en.size > 250, `only ${en.size} strings found`);
  for (const lang of ['ru', 'zh']) {
    const other = new Map(leaves(i18n.getResourceBundle(lang, 'translation')));
    const missing = [...en.keys()].filter((k) => typeof other.get(k) !== 'string' || (other.get(k) as string).trim() === '');
    assert.deepEqual(missing, [], `${lang} lacks these strings`);
    const extra = [...other.keys()].filter((k) => !en.has(k));
    assert.deepEqual(extra, [], `${lang} has strings English lacks`);
    // A Russian or Chinese string that is the English one, letter for letter, was not translated
    // (format names and symbols aside).
    const same = [...en].filter(([k, v]) => typeof v === 'string' && /[a-z]{3}/.test(v) && other.get(k) === v && !/^(PDF|CSV|XLSX|API|—|FtM)/.test(v));
    assert.deepEqual(same.map(([k]) => k), [], `${lang} strings still in English`);
  }
});

test('the language comes from the URL, then the saved choice, then the browser, then English', () => {
  assert.equal(negotiateLanguage('http://h/organs?lang=zh', 'ru', ['en-GB']), 'zh');
  assert.equal(negotiateLanguage('http://h/organs?lang=fr', 'ru', ['zh-CN']), 'ru');
  assert.equal(negotiateLanguage('http://h/', null, ['de-DE', 'zh-TW', 'ru']), 'zh');
  assert.equal(negotiateLanguage('http://h/', null, ['ru-RU']), 'ru');
  assert.equal(negotiateLanguage('http://h/', null, ['de', 'fr']), 'en');
});

test('dates, durations, numbers and sorting follow the language', () => {
  const ru = formatters('ru');
  const zh = formatters('zh');
  const en = formatters('en');
  assert.equal(en.date('2001-06-15'), '15 June 2001');
  assert.match(ru.date('2001-06-15'), /^15 июня 2001/);
  assert.equal(zh.date('2001-06-15'), '2001年6月15日');
  assert.equal(ru.date('2001'), '2001');
  const ms = (9 * 24 + 23) * 3_600_000 + 5 * 60_000;
  assert.equal(en.duration(ms), '9 days 23 hours');
  assert.equal(ru.duration(ms), '9 дней 23 часа');
  assert.equal(zh.duration(ms), '9天23小时');
  assert.equal(ru.number(12345.5), '12\u00a0345,5');
  // Russian alphabetical order (the SCO's rotation order), not the English one.
  assert.deepEqual(['Узбекистан', 'Индия', 'Китай', 'Беларусь'].sort(ru.compare), ['Беларусь', 'Индия', 'Китай', 'Узбекистан']);
  assert.deepEqual(['Zimbabwe', 'albania', 'Belarus'].sort(en.compare), ['albania', 'Belarus', 'Zimbabwe']);
});
