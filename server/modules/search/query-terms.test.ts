import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bigrams, highlightGrams, markedSegments, queryTerms } from './query-terms.ts';

test('table: queries split into stemmed words and Chinese bigrams', () => {
  const cases: [string, string, string[]][] = [
    ['хартия', 'хартия', []],
    ['宪章', '', ['宪章']],
    ['上海合作组织宪章', '', ['上海', '海合', '合作', '作组', '组织', '织宪', '宪章']],
    ['SCO 宪章 2002', 'SCO 2002', ['宪章']],
    ['法', '', ['法']],
  ];
  for (const [q, words, grams] of cases) assert.deepEqual(queryTerms(q), { words, grams }, q);
});

test('highlights mark exactly the characters the grams cover', () => {
  assert.deepEqual(highlightGrams('上海合作组织宪章', ['宪章']), [{ text: '上海合作组织', hit: false }, { text: '宪章', hit: true }]);
  assert.deepEqual(markedSegments('The \u0001Charter\u0002 of'), [{ text: 'The ', hit: false }, { text: 'Charter', hit: true }, { text: ' of', hit: false }]);
});

test('property: segments give back the text; a title always matches the bigrams of its own substrings', () => {
  const han = fc.array(fc.constantFrom(...'上海合作组织宪章反恐怖主义公约'), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
  fc.assert(fc.property(han, fc.nat(), fc.nat(), (title, a, b) => {
    const chars = [...title];
    const from = a % chars.length;
    const sub = chars.slice(from, from + 1 + (b % (chars.length - from))).join('');
    const grams = bigrams(sub);
    assert.ok(grams.every((g) => title.includes(g)));
    assert.equal(highlightGrams(title, grams).map((s) => s.text).join(''), title);
  }));
});
