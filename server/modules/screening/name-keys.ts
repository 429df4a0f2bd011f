/**
 * Names in any of the region's scripts reduced to comparable keys: romanised (Cyrillic, Chinese
 * via pinyin, Arabic/Persian/Urdu), folded to one spelling of the common transliteration
 * variants, split into tokens, and given a phonetic key. Pure code; the matching engine and its
 * index build on these keys.
 */
import { createRequire } from 'node:module';
import { doubleMetaphone } from 'double-metaphone';
import TRANSCRIPTION_TABLES from './data/zh-transcription.json' with { type: 'json' };

let pinyinPro: typeof import('pinyin-pro') | undefined;
/**
 * pinyin-pro, loaded on the first Chinese name: evaluating its dictionaries cost ~65 ms CPU of
 * every start and CLI command, and only screening and list imports read Chinese names
 * (docs/decisions/0014). Loaded from node_modules (its CommonJS build), not from the bundle.
 */
const pinyinLib = () => (pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro'));

export type Script = 'cyrillic' | 'han' | 'arabic' | 'latin' | 'other';

export function detectScript(text: string): Script {
  if (/\p{Script=Han}/u.test(text)) return 'han';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'cyrillic';
  if (/\p{Script=Arabic}/u.test(text)) return 'arabic';
  if (/\p{Script=Latin}/u.test(text)) return 'latin';
  return 'other';
}

// Russian, Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic letters.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'gh', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i', ў: 'u', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u',
};

// Arabic, Persian, Urdu and Pashto letters; short vowels are not written, so names become skeletons.
// و and ي are consonants (w, y) at the start of a word or before a long vowel (وسام Wisam, مروان
// Marwan, نواز Nawaz) and long vowels (u, i) elsewhere (یوسف Yusuf, کریم Karim): see arabicGlides.
const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', 'ٰ': 'a', ب: 'b', پ: 'p', ت: 't', ٹ: 't', ټ: 't', ث: 's', ج: 'j', چ: 'ch', ح: 'h', خ: 'kh', څ: 'ts', ځ: 'dz', د: 'd', ڈ: 'd', ډ: 'd', ذ: 'z',
  ر: 'r', ڑ: 'r', ړ: 'r', ز: 'z', ژ: 'zh', ږ: 'zh', س: 's', ش: 'sh', ښ: 'sh', ص: 's', ض: 'z', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q', ک: 'k', ك: 'k', گ: 'g', ګ: 'g', ل: 'l',
  م: 'm', ن: 'n', ں: 'n', ڼ: 'n', و: 'u', ؤ: 'u', ه: 'h', ہ: 'h', ة: 'a', ۃ: 'a', ھ: 'h', ی: 'i', ي: 'i', ى: 'a', ئ: 'i', ې: 'e', ۍ: 'ai', ے: 'e', ۓ: 'e', ۀ: 'e', ء: '', 'ـ': '',
};
// ع begins names such as ʿAbd, written A in every romanisation; inside a word it is silent.
const arabicAin = (text: string) => text.replace(/(^|\s)ع/g, '$1ا');
/** The article ال written onto a word (الحديدي) is al- in romanisations, which the folds drop. */
const arabicArticle = (text: string) => text.replace(/(^|\s)ال(?=\S{2})/g, '$1al-');
/** A word-final ه after any letter but ل is the feminine ending, as ة (فاطمه Fatima, حمزه Hamza; الله keeps its h). */
const arabicFinalHeh = (text: string) => text.replace(/(?<=[^\sل])[هہ](?=\s|$)/g, 'ة');
const LONG_VOWEL = '[اآیيى]';
/** و and ي as consonants: first in a word, or before a long vowel; ي also after ا (Sayyid, Qaim). */
const arabicGlides = (text: string) =>
  text
    .replace(/(^|[\s-])[وؤ]/g, '$1w')
    .replace(new RegExp(`[وؤ](?=${LONG_VOWEL})`, 'g'), 'w')
    .replace(/(^|[\s-])[يی]/g, '$1y')
    .replace(/(?<=ا)[يی](?=.)/g, 'y');
const mapChars = (text: string, table: Record<string, string>) => [...text.toLowerCase()].map((c) => table[c] ?? c).join('');

/**
 * ه and ح after a letter written z, k, s, g, t, c, d or p stay a separate h (زهراء zhra is z-h, not
 * zh): written as ʜ here, turned back into h after the folds (see foldedTokens).
 */
const SEPARATE_H = 'ʜ';

/** The name in Latin letters, whatever its script. */
export function romanize(text: string): string {
  switch (detectScript(text)) {
    case 'han':
      // Surname first, then the given name as one word: 习近平 → "xi jinping".
      return text
        .split(/\s+/)
        .map((part) => {
          const syllables = pinyinLib().pinyin(part, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' }).filter((s) => s.trim());
          return syllables.length > 1 && /\p{Script=Han}/u.test(part) ? `${syllables[0]} ${syllables.slice(1).join('')}` : syllables.join('');
        })
        .join(' ');
    case 'cyrillic':
      return mapChars(text, CYRILLIC);
    case 'arabic':
      return [...arabicGlides(arabicFinalHeh(arabicArticle(arabicAin(text)))).toLowerCase()].map((c) => (c === 'ه' || c === 'ح' || c === 'ھ' || c === 'ہ' ? SEPARATE_H : ARABIC[c] ?? c)).join('').replace(/(^|[^zksgtcdp])ʜ/g, '$1h');
    default:
      return text;
  }
}

// Letters of Turkic and Western alphabets that stand for digraphs elsewhere.
// ISO 9 and GOST 7.79 write щ ŝ, ю û, я â, ё ë (the last folds with the other spellings of ё below).
const LETTERS: Record<string, string> = { ş: 'sh', š: 'sh', ç: 'ch', č: 'ch', ž: 'zh', ğ: 'g', ı: 'i', ə: 'a', ñ: 'n', ø: 'o', ß: 'ss', ŝ: 'shch', û: 'yu', â: 'ya', ǵ: 'g' };

/** Ordered rewrites that fold the common transliteration variants into one spelling. */
const FOLDS: [RegExp, string][] = [
  [/\babd[\s-]*(?:al|ul|el|ol|ur|ar|as|ash|an)[\s-]+/g, 'abdul'],
  [/\babd(?:al|el)(?=[a-z]{3})/g, 'abdul'],
  [/\b(?:al|el|ul)-/g, ''],
  // The article before a "sun letter" is assimilated: ad-Din, as-Sayyid, ash-Shami, ar-Rahman.
  [/\b[aeu](?:d|t|s|z|r|n|sh|th|dh)-(?=[a-z])/g, ''],
  [/\babo\b/g, 'abu'],
  // ё is yo, jo, io or e by system (BGN/PCGN Fyodor, German Fjodor, French Fiodor, ICAO/GOST Fedor).
  [/([b-df-hj-np-tv-z])(?:yo|jo|io)(?=[b-df-hj-np-tv-z])/g, '$1e'],
  // й at a word's end is j in ISO 9 and German spellings (Sergej, Jurij): a vowel there.
  [/([aeiou])j\b/g, '$1i'],
  [/tsch/g, 'ch'],
  [/ck/g, 'k'],
  // Чж is how Russian (Palladius) writes the zh of pinyin: Чжан Мин, Zhang Ming.
  [/chzh/g, 'j'],
  [/dzh|dj/g, 'j'],
  [/zh/g, 'j'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/shch|sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  // ц: ts in most systems, c in ISO 9 and pinyin, tz in German.
  [/ts|tz/g, 'c'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  // x is kh in Uzbek Latin and nearly so in pinyin at the start of a word; ks inside (Maxim).
  [/\bx/g, 'h'],
  [/x/g, 'ks'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  // Yu/Iu/U, Ya/Ia, Ye/Ie, Yo/Io at the start of a word or after a vowel (J is Dzh here).
  [/(^|[\s-]|[aeiou])[yi]([aeou])/g, '$1$2'],
  [/y/g, 'i'],
  // -ov/-ev/-oev/-ayev/-iyev… and their feminine forms.
  [/(?:oie|oe|aie|ae|iie|ie|ie|e|o)(v|ff)(a?)\b/g, 'ov$2'],
  [/([a-z])\1+/g, '$1'],
];

/**
 * Words that link names (bin, ibn, ogli, kyzy, al) — kept as tokens, since "bin" is also a Chinese
 * given name (斌), but a name may leave them out.
 */
export const PARTICLES = new Set(['al', 'el', 'ul', 'bin', 'ibn', 'bn', 'ibnu', 'bint', 'binti', 'ben', 'ogli', 'ugli', 'uli', 'kizi', 'kiz', 'ogly', 'oglu', 'uly', 'kyzy', 'qizi']);
/** Turkic "son of"/"daughter of": the word before it is the father's name, which a query may leave out. */
export const TURKIC_FILIAL = new Set(['ogli', 'ugli', 'ogly', 'oglu', 'uli', 'uly', 'kizi', 'kiz', 'kyzy', 'qizi']);

/** Legal forms of organisations in the region's languages: they weigh little in a name. */
const LEGAL_FORM_SPELLINGS = [
  'corp', 'corporation', 'co', 'company', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'gmbh', 'ag', 'sa', 'sarl', 'srl', 'bv', 'nv', 'jsc', 'ojsc', 'cjsc', 'pjsc',
  'ao', 'oao', 'zao', 'pao', 'ooo', 'too', 'tov', 'mchj', 'group', 'holding', 'holdings', 'ООО', 'ТОО', 'ОАО', 'ЗАО', 'ПАО', 'АО', 'ТОВ', 'МЧЖ', 'شركة', 'ltda',
];
let legalForms: Set<string> | null = null;
/** Whether a folded token is a legal form (corp, llc, ООО, ТОО, 有限公司 …). */
export function isLegalForm(token: string): boolean {
  legalForms ??= new Set(LEGAL_FORM_SPELLINGS.flatMap((f) => foldedTokens(f)));
  return legalForms.has(token);
}
/** Chinese legal forms, read as the Latin ones before the characters become pinyin. */
const HAN_LEGAL_FORMS: [RegExp, string][] = [[/股份有限公司|有限责任公司|有限公司|有限責任公司|股份有限公司/g, ' ltd '], [/集团|集團/g, ' group '], [/公司/g, ' co ']];

/**
 * A hyphenated word of at most three letters one edit from the article al (xal-, aal-, ai-
 * excepted: it has no l): a typo of the article, dropped like the article itself.
 */
const ARTICLES = new Set(['al', 'el', 'ul']);
const articleTypo = (text: string) => text.replace(/\b([a-z]{1,3})-(?=[a-z]{3})/g, (whole, word: string) => (word.includes('l') && !ARTICLES.has(word) && editDistanceAtMostOne(word, 'al') ? '' : whole));
function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Lower-case Latin tokens in one spelling for every transliteration of the name; digits are kept (11420 Corp). */
export function nameTokens(name: string): string[] {
  return foldedTokens(name);
}

/**
 * Everything below but the abd rule works within a word, so each word is folded once and kept
 * (names share their words: indexing a million names folds a few thousand words).
 */
function foldedTokens(name: string): string[] {
  if (/abd|عبد/i.test(name)) return foldedName(name);
  let raw = name;
  if (raw.includes('公') || raw.includes('集')) for (const [pattern, replacement] of HAN_LEGAL_FORMS) raw = raw.replace(pattern, replacement);
  const words = raw.split(/\s+/).filter(Boolean);
  if (words.length === 1) return foldedWord(words[0]!);
  const tokens: string[] = [];
  for (const word of words) for (const t of foldedWord(word)) tokens.push(t);
  return tokens;
}
const wordCache = new Map<string, string[]>();
function foldedWord(word: string): string[] {
  let tokens = wordCache.get(word);
  if (tokens === undefined) {
    if (wordCache.size > 500_000) wordCache.clear();
    wordCache.set(word, (tokens = foldedName(word)));
  }
  return tokens;
}

function foldedName(name: string): string[] {
  let raw = name;
  for (const [pattern, replacement] of HAN_LEGAL_FORMS) raw = raw.replace(pattern, replacement);
  // Run-together capitalised parts are separate names: PanXinyun, DongYang.
  let text = [...romanize(raw.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')).toLowerCase()].map((c) => LETTERS[c] ?? c).join('');
  // Apostrophe letters belong to the word: Uzbek Gʻulomov, oʻgʻli; ISO 9's ʹ ʺ for ь ъ.
  text = text.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/['’‘ʼʻʹʺ`]/g, '');
  text = articleTypo(text);
  for (const [pattern, replacement] of FOLDS) text = text.replace(pattern, replacement);
  text = text.replaceAll(SEPARATE_H, 'h');
  return text.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
}

/**
 * The tokens run together, with the glides and the x that spacing changes (Lan Yan → lanian but
 * Lanyan → lanan; Jing Xia → jing hia but Jingxia → jingksia) folded once more: for comparing
 * names written with and without spaces.
 */
export function compactKey(tokens: string[]): string {
  const joined = tokens.length === 1 ? tokens[0]! : tokens.join('');
  const text = joined.includes('ks') ? joined.replace(/ks/g, 'h') : joined;
  // (A loop, not a regular expression: every name indexed runs this for each order of its parts.)
  let out = '';
  let from = 0;
  for (let i = text.indexOf('i'); i >= 0; i = text.indexOf('i', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 97 || next === 101 || next === 111 || next === 117) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

const charSounds = new Map<string, string>();
/** A Chinese character's toneless syllable: characters that sound alike are an input method's usual slip. */
export function hanSound(char: string): string {
  let sound = charSounds.get(char);
  if (sound === undefined) charSounds.set(char, (sound = pinyinLib().pinyin(char, { toneType: 'none' })));
  return sound;
}

/** A phonetic key for a folded token (Double Metaphone's primary code). */
export const phoneticKey = (token: string) => doubleMetaphone(token)[0];

// ---------------------------------------------------------------- foreign names in Chinese characters

/**
 * Each character of the published tables for transcribing foreign names into Chinese (Xinhua's
 * Russian and English tables and the Arabic table, data/zh-transcription.json) with the sound it
 * stands for: 斯 s, 姆 m, 夫 v, 塔 ta, 里 ri, 卜 b. The first table that has a character gives its
 * reading; a cell that stands for no sound (厄 for a glottal stop) gives none.
 */
const READINGS = new Map<string, string>();
const TABLES = TRANSCRIPTION_TABLES.tables as unknown as { consonants: string[]; rows: Record<string, string> }[];
for (const table of TABLES) {
  for (const [vowel, row] of Object.entries(table.rows)) {
    const [alone, ...cells] = row.split(' ');
    // After a consonant, Russian е, ё, ен are written e, yo, en (Petrov, Semyonov, Kudenko).
    const after = vowel === 'ye' || vowel === 'er' ? 'e' : vowel === 'yen' ? 'en' : vowel === 'ang' ? 'an' : vowel;
    const entries: [string, string][] = [[alone!, vowel], ...cells.map((cell, i): [string, string] => [cell, table.consonants[i]! + after])];
    for (const [cell, reading] of entries) for (const char of cell.split('/')) if ([...char].length === 1 && char !== '-' && reading !== '' && !READINGS.has(char)) READINGS.set(char, reading);
  }
}
/** A character no table has, by its pinyin spelled as the tables spell sounds (x s, q ch, c ts, -ng n). */
const pinyinReading = (char: string) =>
  hanSound(char)
    .replace(/^yi/, 'i')
    .replace(/^wu/, 'u')
    .replace(/^x/, 's')
    .replace(/^q/, 'ch')
    .replace(/^c(?!h)/, 'ts')
    .replace(/uo$/, 'o')
    .replace(/ng$/, 'n')
    .replace(/[üv]/g, 'u');
const NAME_SEPARATORS = /[\s·•・‧．.\-‐]+/u;

/**
 * Whether a name in Chinese characters may be a foreign name written by sound: it has the middle
 * dot of transcriptions, or four characters or more, or three or more all from the tables.
 */
export function looksTranscribed(name: string): boolean {
  const chars = [...name].filter((c) => /\p{Script=Han}/u.test(c));
  if (chars.length < 2) return false;
  return /[·•・‧]/u.test(name) || chars.length >= 4 || (chars.length >= 3 && chars.every((c) => READINGS.has(c)));
}

/**
 * A name in Chinese characters read as the transcription of a foreign name, in folded Latin
 * tokens: 鲁斯塔姆·卡里莫夫 → rustam karimov; without the dot, one token (rustamkarimov).
 */
export function transcriptionTokens(name: string): string[] {
  const parts = name.split(NAME_SEPARATORS).filter(Boolean);
  const latin = parts.map((part) => [...part].map((c) => (/\p{Script=Han}/u.test(c) ? READINGS.get(c) ?? pinyinReading(c) : c)).join(''));
  return nameTokens(latin.join(' '));
}

/**
 * What of a Latin name survives its transcription into Chinese characters, for comparing it with
 * a name in characters read back through the tables (transcriptionTokens): its consonants, by
 * the classes the tables do not tell apart (voiced and voiceless, the sibilants and affricates,
 * r and l as l), each run of one class once. Spellings are first read as sounds, as the tables
 * are organised by sound, not letters: c before e, i, y is s and otherwise k (Nicole 妮可 ni-ke,
 * Monica 莫妮卡), ph f, th s (Kathy 凯茜, Catherine 凯瑟琳), ck k, qu kv (Dellacqua 德拉奎尔), x ks,
 * tz/ts/ds and dzh s; ng is n and an n before a consonant is dropped (a syllable's nasal: Lindsay
 * 林赛 lin-sai); h and kh are dropped (the tables write both as 赫/哈, or nothing: Heidi 海蒂).
 * Shape: folded token(s) (a-z, digits) → a string over b k l m n s t v (digits kept).
 */
export function transcriptionSkeleton(folded: string): string {
  const t = folded
    .replace(/t?sch|tch|d?[zs]h|[ct]h|dj/g, 'ʃ')
    .replace(/ph/g, 'f')
    .replace(/c?qu/g, 'kv')
    .replace(/kh/g, 'h')
    .replace(/ck|gh/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/[tdc]z|[td]s/g, 'ʃ')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/ng/g, 'n')
    .replace(/n(?![aeiouy]|$)/g, '');
  let out = '';
  for (const ch of t) {
    const c = SKELETON_CLASS[ch] ?? (ch >= '0' && ch <= '9' ? ch : '');
    if (c !== '' && !out.endsWith(c)) out += c;
  }
  return out;
}
const SKELETON_CLASS: Record<string, string> = {
  b: 'b', p: 'b', d: 't', t: 't', g: 'k', k: 'k', q: 'k', f: 'v', v: 'v', w: 'v',
  s: 's', z: 's', j: 's', ʃ: 's', l: 'l', r: 'l', m: 'm', n: 'n',
};

/**
 * Two transcription skeletons: 1 less 1.5 times each edit's share of the longer one, where adding
 * or dropping an l costs half an edit (the tables leave a vowel's r unwritten, Margaret 玛格丽特,
 * and write a final l as 尔 or not at all). Fewer than four letters say nothing. Shape: 0…1.
 */
export function skeletonSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer < 4) return 0;
  if (a === b) return 1;
  const la = Math.min(a.length, 64);
  const lb = Math.min(b.length, 64);
  const cost = (c: string) => (c === 'l' ? 0.5 : 1);
  const row = new Float64Array(lb + 1);
  for (let j = 1; j <= lb; j++) row[j] = row[j - 1]! + cost(b[j - 1]!);
  for (let i = 1; i <= la; i++) {
    let diagonal = row[0]!;
    row[0] = diagonal + cost(a[i - 1]!);
    for (let j = 1; j <= lb; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + cost(a[i - 1]!), row[j - 1]! + cost(b[j - 1]!), diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return Math.max(0, 1 - (1.5 * row[lb]!) / longer);
}

/** The skeleton without its l: the index key a transcription and a Latin name run together share. */
export const skeletonKey = (skeleton: string) => {
  let out = '';
  for (const c of skeleton) if (c !== 'l' && !out.endsWith(c)) out += c;
  return out;
};

/**
 * A name's transcription skeletons (each order of two parts run together; three parts as
 * written): a Latin, Cyrillic or Arabic-script name from its letters as written or romanised —
 * before folding, which respells what the skeleton reads as sounds (th, jo, qu) — and a name in
 * characters that looks transcribed from its readings; none for other names. Shape: [] or 1–2 skeletons.
 */
export function skeletonsOf(name: string): string[] {
  let parts: string[] = [];
  const script = detectScript(name);
  if (script === 'han') {
    if (looksTranscribed(name)) parts = name.split(NAME_SEPARATORS).map((part) => [...part].map((c) => (/\p{Script=Han}/u.test(c) ? READINGS.get(c) ?? pinyinReading(c) : '')).join(''));
  } else if (script === 'latin' || script === 'cyrillic' || script === 'arabic') {
    parts = romanize(name).toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').split(/[^a-z]+/);
  }
  parts = parts.filter(Boolean);
  if (parts.length === 0 || parts.length > 3) return [];
  return [...new Set((parts.length === 2 ? [parts, [parts[1]!, parts[0]!]] : [parts]).map((order) => transcriptionSkeleton(order.join(''))))];
}

/**
 * A pinyin syllable in Wade–Giles as Taiwan's passports and many lists write it, without
 * apostrophes or diaeresis (zhuang chuang, xu hsu, rong jung, zi tzu, xie hsieh, guo kuo): the
 * standard correspondence of the two systems' initials and finals.
 */
export function wadeGiles(syllable: string): string {
  const s = syllable.replace(/[üv]/g, 'u');
  const special: Record<string, string> = { yi: 'i', you: 'yu', yan: 'yen', ye: 'yeh', yue: 'yueh', yong: 'yung', er: 'erh', zi: 'tzu', ci: 'tzu', si: 'ssu', ri: 'jih' };
  if (special[s]) return special[s];
  const [, initial = '', final = ''] = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]?)(.*)$/.exec(s) ?? [];
  const INITIAL: Record<string, string> = { zh: 'ch', ch: 'ch', sh: 'sh', r: 'j', z: 'ts', c: 'ts', j: 'ch', q: 'ch', x: 'hs', b: 'p', d: 't', g: 'k' };
  let f = final;
  if (f === 'i' && ['zh', 'ch', 'sh', 'r'].includes(initial)) f = 'ih';
  else if (f === 'e' && ['g', 'k', 'h'].includes(initial)) f = 'o';
  else if (f === 'uo' && !['g', 'k', 'h', 'sh'].includes(initial)) f = 'o';
  else f = f.replace(/iong$/, 'iung').replace(/ong$/, 'ung').replace(/ian$/, 'ien').replace(/(?<=[iu])e$/, 'eh');
  return (INITIAL[initial] ?? initial) + f;
}

/**
 * A Chinese name of three characters (a family name and a given name of two syllables, the
 * pattern Taiwan's passports write as Hsu Wen-hsin) in Wade–Giles, family name first as the
 * characters write it: 庄佳容 → "chuang chiajung". Other lengths (李娜, country names) are left to
 * pinyin. Shape: [] or one string.
 */
export function wadeGilesNames(name: string): string[] {
  const chars = [...name].filter((c) => /\p{Script=Han}/u.test(c));
  if (chars.length !== 3 || /[·•・‧]/u.test(name)) return [];
  const [family, ...given] = chars.map((c) => wadeGiles(hanSound(c)));
  return [`${family} ${given.join('')}`];
}
