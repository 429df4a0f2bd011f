import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NameIndex, consonantsOf, type ScreenedEntity } from './matcher.ts';

const list: ScreenedEntity[] = [
  { id: 'e1', schema: 'Person', caption: 'Rustam Abdullaev', names: [{ value: 'Абдуллаев Рустам Каримович', role: 'primary' }, { value: 'Rustam Abdullayev', role: 'alias' }, { value: 'The Teacher', role: 'weak_alias' }], birthYears: [1980], nationalities: ['UZ'], identifiers: ['AA1234567'] },
  { id: 'e2', schema: 'Person', caption: 'Wang Lei', names: [{ value: '王磊', role: 'primary' }], birthYears: [1975], nationalities: ['CN'] },
  { id: 'e3', schema: 'Person', caption: 'Abd al-Rahman Khalil', names: [{ value: 'عبدالرحمن خليل', role: 'primary' }, { value: 'Abdul Rahman Khalil', role: 'alias' }], birthYears: [1990] },
  { id: 'e4', schema: 'Organization', caption: 'Eastern Front', names: [{ value: 'Eastern Front', role: 'primary' }] },
  { id: 'e5', schema: 'Person', caption: 'Rustam Karimov', names: [{ value: 'Rustam Karimov', role: 'primary' }], birthYears: [1960] },
  { id: 'e6', schema: 'Person', caption: 'Zhao Haogang', names: [{ value: '赵浩刚', role: 'primary' }, { value: 'Zhao Haogang', role: 'alias' }] },
  { id: 'e7', schema: 'Person', caption: 'Wang Bin', names: [{ value: '王斌', role: 'primary' }, { value: 'Wang Bin', role: 'alias' }] },
  { id: 'e8', schema: 'Person', caption: 'Yusuf bin Khalid', names: [{ value: 'Yusuf bin Khalid al-Tamimi', role: 'primary' }] },
];
const index = new NameIndex();
for (const e of list) index.add(e);
const top = (names: string[], extra = {}) => index.search({ names, ...extra })[0];

test('finds the listed person across scripts, transliterations and name order', () => {
  const cases: [string, string][] = [
    ['Abdullaev Rustam', 'e1'], ['Rustam Abdulaev', 'e1'], ['Abdullayev Rustam Karimovich', 'e1'], ['Абдуллаев Рустам', 'e1'],
    ['Wang Lei', 'e2'], ['Lei Wang', 'e2'], ['王磊', 'e2'],
    ['Abdel Rahman Halil', 'e3'], ['عبدالرحمن خليل', 'e3'],
  ];
  for (const [name, id] of cases) {
    const r = top([name]);
    assert.equal(r?.id, id, name);
    assert.ok(r!.match, `${name}: ${r!.score}`);
  }
});

test('a weak alias or a lone given name never makes a match', () => {
  const weak = top(['The Teacher']);
  assert.ok(!weak || !weak.match, 'weak alias');
  const lone = top(['Rustam']);
  assert.ok(!lone || !lone.match, `lone given name: ${JSON.stringify(lone)}`);
});

test('identifiers are the strongest evidence; conflicting birth years lower the score', () => {
  const byId = top(['Someone Else'], { identifiers: ['aa-1234567'] });
  assert.equal(byId?.id, 'e1');
  assert.equal(byId?.features.identifier, 1);
  assert.ok(byId!.match);
  const same = top(['Rustam Abdullaev'], { birthYear: 1980 })!;
  const other = top(['Rustam Abdullaev'], { birthYear: 1950 })!;
  assert.ok(other.score < same.score);
  assert.equal(other.features.birth_year, 0);
});

test('a different person with a shared given name is not a match', () => {
  const r = index.search({ names: ['Rustam Kasimov'] });
  assert.ok(!r.some((x) => x.id === 'e1' && x.match));
});

test('names in Chinese characters are compared character by character, homophones forgiven', () => {
  const other = index.search({ names: ['赵华刚'] }).find((r) => r.id === 'e6');
  assert.ok(!other?.match, `赵华刚 is not 赵浩刚 although Huagang and Haogang differ by a letter: ${JSON.stringify(other)}`);
  const homophone = top(['赵浩钢']);
  assert.equal(homophone?.id, 'e6');
  assert.ok(homophone!.match);
});

test('linking words may be left out, but bin is also a Chinese given name', () => {
  assert.equal(top(['Wang Bin'])?.id, 'e7');
  assert.ok(top(['Wang Bin'])!.match);
  assert.ok(!top(['Wang'])!.match, 'a lone surname is not Wang Bin');
  const withoutParticles = top(['Yusuf Khalid Tamimi']);
  assert.equal(withoutParticles?.id, 'e8');
  assert.ok(withoutParticles!.match);
});

test('a patronymic other than the listed one lowers the score', () => {
  const same = top(['Abdullaev Rustam Karimovich'])!;
  const other = index.search({ names: ['Abdullaev Rustam Rashidovich'] }).find((r) => r.id === 'e1')!;
  assert.equal(same.features.patronymic, 1);
  assert.equal(other.features.patronymic, 0);
  assert.ok(!other.match, `${other.score}`);
});

test('entities added after a search are packed in by the next one, and the earlier ones stay found', () => {
  const growing = new NameIndex();
  growing.add(list[0]!);
  assert.equal(growing.search({ names: ['Rustam Abdullaev'] })[0]?.id, 'e1');
  for (const e of list.slice(1)) growing.add(e);
  assert.equal(growing.size, list.length);
  assert.equal(growing.search({ names: ['Rustam Abdullaev'] })[0]?.id, 'e1');
  assert.equal(growing.search({ names: ['Wang Lei'] })[0]?.id, 'e2');
  assert.equal(growing.search({ names: ['Yusuf Khalid Tamimi'] })[0]?.id, 'e8');
  // A key the first search packed (rustam) now has two entities: both are found.
  assert.deepEqual(new Set(growing.search({ names: ['Rustam'] }).map((r) => r.id)), new Set(['e1', 'e5']));
});

test('consonant skeletons, worked out in one pass, are those of their definition', () => {
  // The definition, as regular expressions: final h, ng → n, n before a non-vowel, vowels, sh/ch → s, classes.
  const CLASS: Record<string, string> = { p: 'b', d: 't', g: 'k', q: 'k', h: 'k', x: 'k', f: 'v', w: 'v', z: 's', c: 's', j: 's', r: 'l' };
  const defined = (t: string) => t.replace(/h$/, '').replace(/ng/g, 'n').replace(/n(?=[^aeiouy])/g, '').replace(/[aeiouy]/g, '').replace(/[sc]h/g, 's').replace(/./g, (c) => CLASS[c] ?? c);
  for (const t of ['abdullah', 'muhanmed', 'zhangming', 'nng', 'shh', 'csh', 'rustamkarimov', 'svetlanakuznetsova', 'hamza', 'sahib', '11420', 'n', ''])
    assert.equal(consonantsOf(t), defined(t), t);
});

test('names listed run together are found from characters, where a transcription drops a consonant or the order differs', () => {
  const runTogether = new NameIndex();
  for (const e of list) runTogether.add(e);
  runTogether.add({ id: 'r1', schema: 'Person', caption: 'Albertanovak', names: [{ value: 'Albertanovak', role: 'primary' }] });
  runTogether.add({ id: 'r2', schema: 'Person', caption: 'Nannanliu', names: [{ value: 'Nannanliu', role: 'primary' }] });
  // 阿尔伯塔 is albeta: the r of Alberta is not written.
  assert.ok(runTogether.search({ names: ['阿尔伯塔·诺瓦克'] }).some((r) => r.id === 'r1'));
  // 刘南楠 is liu nannan, family name first.
  assert.equal(runTogether.search({ names: ['刘南楠'] })[0]?.id, 'r2');
});
