import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bigrams, highlightGrams, markedSegments, queryTerms, snippet } from './query-terms.ts';

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

test('snippets: a window around the first hit, cut at spaces, marked where cut', () => {
  const long = `${'word '.repeat(40)}terrorism ${'tail '.repeat(40)}`.trim();
  const segs = [{ text: long.slice(0, 200), hit: false }, { text: 'terrorism', hit: true }, { text: long.slice(209), hit: false }];
  const cut = snippet(segs, 30);
  assert.equal(cut[0]!.text.startsWith('…'), true);
  assert.equal(cut.at(-1)!.text.endsWith('…'), true);
  assert.deepEqual(cut.filter((s) => s.hit).map((s) => s.text), ['terrorism']);
  assert.ok(cut.map((s) => s.text).join('').length < 90);
  // Short texts come back whole; Chinese is cut at the character.
  assert.deepEqual(snippet([{ text: '本组织', hit: false }, { text: '宪章', hit: true }], 30), [{ text: '本组织', hit: false }, { text: '宪章', hit: true }]);
  const zh = snippet(highlightGrams(`${'和平'.repeat(50)}宪章${'合作'.repeat(50)}`, ['宪章']), 10);
  assert.deepEqual(zh.map((s) => s.text.replaceAll('…', '').length), [10, 2, 10]);
});

test('property: a snippet is a contiguous part of the text holding its first hit', () => {
  fc.assert(fc.property(fc.array(fc.record({ text: fc.string({ minLength: 1, maxLength: 30 }), hit: fc.boolean() }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 50 }), (segs, radius) => {
    const text = segs.map((s) => s.text).join('');
    const out = snippet(segs, radius).map((s) => s.text).join('');
    const inner = out.replace(/^…/, '').replace(/…$/, '');
    assert.ok(text.includes(inner));
    if (segs.some((s) => s.hit)) assert.ok(snippet(segs, radius).some((s) => s.hit));
  }));
});
