/**
 * Names in any of the region's scripts reduced to comparable keys: romanised (Cyrillic, Chinese
 * via pinyin, Arabic/Persian/Urdu), folded to one spelling of the common transliteration
 * variants, split into tokens, and given a phonetic key. Pure code; the matching engine and its
 * index build on these keys.
 */
import { pinyin } from 'pinyin-pro';
import { doubleMetaphone } from 'double-metaphone';

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
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'gh', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i', ў: 'u', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u',
};

// Arabic, Persian and Urdu letters; short vowels are not written, so names become skeletons.
const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', پ: 'p', ت: 't', ٹ: 't', ث: 's', ج: 'j', چ: 'ch', ح: 'h', خ: 'kh', د: 'd', ڈ: 'd', ذ: 'z', ر: 'r', ڑ: 'r', ز: 'z', ژ: 'zh',
  س: 's', ش: 'sh', ص: 's', ض: 'z', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q', ک: 'k', ك: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n', ں: 'n', و: 'u', ؤ: 'u', ه: 'h', ة: 'a', ھ: 'h',
  ی: 'i', ي: 'i', ى: 'a', ئ: 'i', ے: 'e', ء: '', 'ـ': '',
};
// ع begins names such as ʿAbd, written A in every romanisation; inside a word it is silent.
const arabicAin = (text: string) => text.replace(/(^|\s)ع/g, '$1ا');

const mapChars = (text: string, table: Record<string, string>) => [...text.toLowerCase()].map((c) => table[c] ?? c).join('');

/** The name in Latin letters, whatever its script. */
export function romanize(text: string): string {
  switch (detectScript(text)) {
    case 'han':
      // Surname first, then the given name as one word: 习近平 → "xi jinping".
      return text
        .split(/\s+/)
        .map((part) => {
          const syllables = pinyin(part, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' }).filter((s) => s.trim());
          return syllables.length > 1 && /\p{Script=Han}/u.test(part) ? `${syllables[0]} ${syllables.slice(1).join('')}` : syllables.join('');
        })
        .join(' ');
    case 'cyrillic':
      return mapChars(text, CYRILLIC);
    case 'arabic':
      return mapChars(arabicAin(text), ARABIC);
    default:
      return text;
  }
}

// Letters of Turkic and Western alphabets that stand for digraphs elsewhere.
const LETTERS: Record<string, string> = { ş: 'sh', š: 'sh', ç: 'ch', č: 'ch', ž: 'zh', ğ: 'g', ı: 'i', ə: 'a', ñ: 'n', ø: 'o', ß: 'ss' };

/** Ordered rewrites that fold the common transliteration variants into one spelling. */
const FOLDS: [RegExp, string][] = [
  [/\babd[\s-]*(?:al|ul|el|ol|ur|ar|as|ash|an)[\s-]+/g, 'abdul'],
  [/\babd(?:al|el)(?=[a-z]{3})/g, 'abdul'],
  [/\b(?:al|el|ul)-/g, ''],
  [/dzh|dj/g, 'j'],
  [/zh/g, 'j'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/shch|sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/ph/g, 'f'],
  [/th/g, 't'],
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
export const PARTICLES = new Set(['al', 'el', 'ul', 'bin', 'ibn', 'bint', 'ben', 'ogli', 'ugli', 'uli', 'kizi', 'ogly', 'uly', 'kyzy']);

/** Lower-case Latin tokens in one spelling for every transliteration of the name. */
export function nameTokens(name: string): string[] {
  // Run-together capitalised parts are separate names: PanXinyun, DongYang.
  let text = [...romanize(name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')).toLowerCase()].map((c) => LETTERS[c] ?? c).join('');
  text = text.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/['’ʼ`]/g, '');
  for (const [pattern, replacement] of FOLDS) text = text.replace(pattern, replacement);
  return text
    .split(/[^a-z]+/)
    .filter((t) => t.length > 0);
}

/**
 * The tokens run together, with the glides and the x that spacing changes (Lan Yan → lanian but
 * Lanyan → lanan; Jing Xia → jing hia but Jingxia → jingksia) folded once more: for comparing
 * names written with and without spaces.
 */
export const compactKey = (tokens: string[]) => tokens.join('').replace(/ks/g, 'h').replace(/i(?=[aeou])/g, '');

const charSounds = new Map<string, string>();
/** A Chinese character's toneless syllable: characters that sound alike are an input method's usual slip. */
export function hanSound(char: string): string {
  let sound = charSounds.get(char);
  if (sound === undefined) charSounds.set(char, (sound = pinyin(char, { toneType: 'none' })));
  return sound;
}

/** A phonetic key for a folded token (Double Metaphone's primary code). */
export const phoneticKey = (token: string) => doubleMetaphone(token)[0];
