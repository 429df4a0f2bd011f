import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectScript, nameTokens, phoneticKey, romanize, skeletonSimilarity, skeletonsOf, transcriptionSkeleton, transcriptionTokens, wadeGiles } from './name-keys.ts';

test('scripts are told apart', () => {
  assert.deepEqual(['Абдуллаев', '习近平', 'عبدالله', 'Abdullaev', '12'].map(detectScript), ['cyrillic', 'han', 'arabic', 'latin', 'other']);
});

test('romanisation of each script', () => {
  assert.equal(romanize('Абдуллаев Рустам'), 'abdullaev rustam');
  assert.equal(romanize('习近平'), 'xi jinping');
  assert.equal(romanize('Қасым-Жомарт Тоқаев'), 'qasym-zhomart toqaev');
});

/** Spellings of one name that must fold to the same tokens. */
const SAME: string[][] = [
  ['Abdullaev', 'Abdullayev', 'Abdulaev', 'Абдуллаев'],
  ['Karimov', 'Каримов', 'Karimoff'],
  ['Khalilov', 'Halilov', 'Халилов', 'Xalilov'],
  ['Dzhuraev', 'Djurayev', 'Juraev', 'Джураев'],
  ['Yusupov', 'Iusupov', 'Usupov', 'Юсупов'],
  ['Yakubova', 'Iakubova', 'Якубова'],
  ['Şahin', 'Shahin'],
  ['Abd al-Rahman', 'Abdul Rahman', 'Abdel Rahman', 'Abd-ur-Rahman'],
  ['Xi Jinping', '习近平', 'Jinping Xi'],
];

test('common transliteration variants fold into one spelling', () => {
  for (const group of SAME) {
    const keys = group.map((n) => nameTokens(n).sort().join(' '));
    assert.equal(new Set(keys).size, 1, `${group.join(' / ')} → ${keys.join(' / ')}`);
  }
});

test('different names stay different', () => {
  const pairs: [string, string][] = [['Karimov', 'Kasimov'], ['Yusupov', 'Yunusov'], ['Xi Jinping', 'Li Qiang']];
  for (const [a, b] of pairs) assert.notEqual(nameTokens(a).join(' '), nameTokens(b).join(' '), `${a} / ${b}`);
});

test('Arabic script names become skeletons close to their romanisations', () => {
  assert.deepEqual(nameTokens('عبدالرحمن'), ['abdulrhmn']);
  assert.equal(phoneticKey(nameTokens('Muhammad')[0]!), phoneticKey(nameTokens('Mohammed')[0]!));
});

test('the Arabic transcription table reads its characters (卜 is b, not the pinyin bu)', () => {
  assert.deepEqual(transcriptionTokens('阿卜杜拉'), nameTokens('Abdula'));
  assert.deepEqual(transcriptionTokens('侯赛因'), nameTokens('Husain'));
});

test('transcription skeletons read spellings as sounds and keep what the tables keep', () => {
  // c hard or soft, th, qu, ph, x, ds; n before a consonant and h dropped; classes; runs once.
  assert.deepEqual(['nicole', 'cecilia', 'kathy', 'dellacqua', 'philip', 'alexa', 'lindsay', 'heidi', 'dzhesika', 'jessica'].map(transcriptionSkeleton), ['nkl', 'sl', 'ks', 'tlkv', 'vlb', 'lks', 'ls', 't', 'sk', 'sk']);
  assert.deepEqual(skeletonsOf('Nicole Arendt'), ['nklt', 'ltnkl']);
  assert.deepEqual(skeletonsOf('妮可·阿伦特'), ['nklt', 'ltnk'], 'ni-ke a-len-te: the l of Nicole unwritten');
  assert.deepEqual(skeletonsOf('王磊'), [], 'a Chinese name is not a transcription');
  // An l more or less costs half an edit (Margaret 玛格丽特: the r after a vowel unwritten).
  assert.equal(skeletonSimilarity('mlkltklt', 'mkltkt'), 1 - 1.5 / 8);
  assert.equal(skeletonSimilarity('nkt', 'nkt'), 0, 'three letters say nothing');
});

test('pinyin syllables in Wade–Giles', () => {
  const pairs = [['zhuang', 'chuang'], ['jia', 'chia'], ['rong', 'jung'], ['xu', 'hsu'], ['xin', 'hsin'], ['zhen', 'chen'], ['xie', 'hsieh'], ['guo', 'kuo'], ['luo', 'lo'], ['zi', 'tzu'], ['shi', 'shih'], ['ge', 'ko'], ['xiong', 'hsiung'], ['qian', 'chien'], ['xue', 'hsueh'], ['yi', 'i'], ['er', 'erh'], ['lü', 'lu']];
  assert.deepEqual(pairs.map(([p]) => wadeGiles(p!)), pairs.map(([, w]) => w));
});
