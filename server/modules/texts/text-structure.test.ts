import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chineseNumber, parseText, romanNumber, TextStructureError } from './text-structure.ts';

const pick = (units: ReturnType<typeof parseText>) => units.map((u) => [u.eid, u.kind, u.num, u.heading, u.body, u.parent]);

test('English: preamble recitals, articles with headings on the line, numbered and unnumbered paragraphs, final clauses', () => {
  const text = [
    'The Member States,',
    'desiring peace;',
    '',
    'have agreed as follows:',
    'Article 1 Goals and Tasks',
    'The main goals are:',
    'to strengthen mutual trust;',
    'Article 2',
    '1. For the purposes of this Convention:',
    '2. Nothing here prejudices other treaties.',
    'Done at Yekaterinburg on 16 June 2009 in one original copy in the Russian and Chinese languages.',
    'For the Republic of Kazakhstan',
  ].join('\n');
  assert.deepEqual(pick(parseText(text)), [
    ['preamble', 'preamble', null, null, '', null],
    ['preamble__recital_1', 'recital', null, null, 'The Member States,', 'preamble'],
    ['preamble__recital_2', 'recital', null, null, 'desiring peace;', 'preamble'],
    ['preamble__recital_3', 'recital', null, null, 'have agreed as follows:', 'preamble'],
    ['art_1', 'article', '1', 'Goals and Tasks', '', null],
    ['art_1__para_1', 'paragraph', null, null, 'The main goals are:', 'art_1'],
    ['art_1__para_2', 'paragraph', null, null, 'to strengthen mutual trust;', 'art_1'],
    ['art_2', 'article', '2', null, '', null],
    ['art_2__para_1', 'paragraph', '1', null, '1. For the purposes of this Convention:', 'art_2'],
    ['art_2__para_2', 'paragraph', '2', null, '2. Nothing here prejudices other treaties.', 'art_2'],
    ['conclusions', 'conclusions', null, null, 'Done at Yekaterinburg on 16 June 2009 in one original copy in the Russian and Chinese languages.\nFor the Republic of Kazakhstan', null],
  ]);
});

test('Russian: the heading on the line after "Статья N", chapters in Roman numerals', () => {
  const units = parseText('Глава I\nОбщие положения\nСтатья 1\nЦели и задачи\nОсновными целями являются:\nукрепление доверия;\nСтатья 2. Принципы\n1) соблюдение суверенитета;\nСовершено в городе Санкт-Петербурге 7 июня 2002 года.');
  assert.deepEqual(pick(units), [
    ['chp_1', 'chapter', 'I', 'Общие положения', '', null],
    ['art_1', 'article', '1', 'Цели и задачи', '', 'chp_1'],
    ['art_1__para_1', 'paragraph', null, null, 'Основными целями являются:', 'art_1'],
    ['art_1__para_2', 'paragraph', null, null, 'укрепление доверия;', 'art_1'],
    ['art_2', 'article', '2', 'Принципы', '', 'chp_1'],
    ['art_2__para_1', 'paragraph', '1', null, '1) соблюдение суверенитета;', 'art_2'],
    ['conclusions', 'conclusions', null, null, 'Совершено в городе Санкт-Петербурге 7 июня 2002 года.', null],
  ]);
});

test('Chinese: 第N条 and 第N章 headings with Chinese numerals', () => {
  const units = parseText('上海合作组织创始国,\n以各国人民历史形成的联系为基础;\n第一条 宗旨和任务\n本组织的基本宗旨和任务是:\n第二十六条\n本宪章自交存第四份批准书之日起第三十天生效。');
  assert.deepEqual(units.filter((u) => u.kind === 'article').map((u) => [u.eid, u.num, u.heading]), [['art_1', '一', '宗旨和任务'], ['art_26', '二十六', null]]);
  assert.equal(units.find((u) => u.eid === 'art_26__para_1')!.body, '本宪章自交存第四份批准书之日起第三十天生效。');
  assert.deepEqual(units.filter((u) => u.kind === 'recital').map((u) => u.eid), ['preamble__recital_1', 'preamble__recital_2']);
});

test('numbers: Chinese and Roman numerals', () => {
  const cases: [string, number][] = [['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['二十六', 26], ['一百零五', 105], ['12', 12], ['x', Number.NaN]];
  for (const [s, n] of cases) assert.ok(Object.is(chineseNumber(s), n), s);
  assert.deepEqual(['I', 'IV', 'IX', 'XIV', '7'].map(romanNumber), [1, 4, 9, 14, 7]);
});

test('refuses a text with no article, a repeated article, an unreadable number', () => {
  assert.throws(() => parseText('Just a letter.\nNo articles.'), TextStructureError);
  assert.throws(() => parseText('Article 1\nA.\nArticle 1\nB.'), /article 1 appears twice/);
  assert.throws(() => parseText('Article 0\nA.'), /cannot read the number/);
});

test('property: every non-empty line ends up in exactly one unit, and eIds are unique', () => {
  const word = fc.constantFrom('peace', 'trust', 'мир', 'доверие', '和平', '合作', 'the', '1.', '2)', 'Article', 'Статья');
  const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
  const article = fc.tuple(fc.constantFrom('Article', 'Статья'), fc.array(line, { maxLength: 4 }));
  fc.assert(fc.property(fc.array(line, { maxLength: 3 }), fc.array(article, { minLength: 1, maxLength: 5 }), (pre, arts) => {
    const textLines = [...pre.filter((l) => !/^(Article|Статья) \d/.test(l))];
    arts.forEach(([word, body], i) => textLines.push(`${word} ${i + 1}`, ...body.filter((l) => !/^(Article|Статья) \d/.test(l))));
    let units;
    try {
      units = parseText(textLines.join('\n'));
    } catch (e) {
      assert.ok(e instanceof TextStructureError);
      return;
    }
    const eids = units.map((u) => u.eid);
    assert.equal(new Set(eids).size, eids.length);
    const words = units.flatMap((u) => [u.body, u.heading ?? ''].join('\n').split(/\s+/)).filter(Boolean).join(' ');
    for (const l of textLines) if (!/^(Article|Статья) \d+$/.test(l)) assert.ok(words.includes(l.replace(/\s+/g, ' ').trim().split(' ')[0]!), l);
  }), { numRuns: 200 });
});
