/**
 * Cuts the plain text of a treaty into its structure — preamble, chapters, articles, paragraphs,
 * final clauses — with Akoma Ntoso-style eIds (`preamble__recital_2`, `chp_1`, `art_1`,
 * `art_1__para_2`, `conclusions`). Headings are found in English ("Article 1", "Chapter II"),
 * Russian ("Статья 1", "Глава II") and Chinese ("第一条", "第二章"). Pure: no database, no I/O.
 *
 * eIds follow the Akoma Ntoso naming convention: an article's eId is its number (so `art_5` stays
 * `art_5` when an earlier article is reworded); a paragraph that carries its own number ("2." or
 * "2)") is named by it, an unnumbered one by its place in the article.
 */

export type Language = 'en' | 'ru' | 'zh';
export type UnitKind = 'preamble' | 'recital' | 'chapter' | 'article' | 'paragraph' | 'conclusions';

export interface TextUnit {
  eid: string;
  kind: UnitKind;
  /** The number as printed ("1", "II", "一"); null for the preamble, recitals and conclusions. */
  num: string | null;
  heading: string | null;
  /** The unit's own words (a paragraph's or recital's text; '' for containers). */
  body: string;
  /** eId of the enclosing unit, or null at the top. */
  parent: string | null;
}

export class TextStructureError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** '二十六' → 26, '十' → 10, '一百零五' → 105, '12' → 12; NaN when not a number. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in ZH_DIGITS) digit = ZH_DIGITS[c]!;
    else if (c === '十' || c === '百') {
      total += (digit || 1) * (c === '十' ? 10 : 100);
      digit = 0;
    } else return Number.NaN;
  }
  return total + digit;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
/** 'IV' → 4; arabic digits pass through; NaN otherwise. */
export function romanNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  const up = s.toUpperCase();
  for (let i = 0; i < up.length; i++) {
    const v = ROMAN[up[i]!];
    if (v === undefined) return Number.NaN;
    const next = ROMAN[up[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

interface Heading {
  kind: 'article' | 'chapter';
  n: number;
  num: string;
  rest: string;
}

const ARTICLE = [/^Article\s+(\d+)\s*[.:]?\s*(.*)$/i, /^Статья\s+(\d+)\s*[.:]?\s*(.*)$/, /^第\s*([一二三四五六七八九十百零〇两\d]+)\s*条\s*(.*)$/u];
const CHAPTER = [/^Chapter\s+([IVXLC]+|\d+)\s*[.:]?\s*(.*)$/i, /^Глава\s+([IVXLC]+|\d+)\s*[.:]?\s*(.*)$/, /^第\s*([一二三四五六七八九十百零〇两\d]+)\s*章\s*(.*)$/u];
// "Done at St Petersburg…", "Совершено в городе…", "…于…签订/订立" open the final clauses.
const CONCLUSIONS = /^(Done at|Done in|Совершен[оа]?\s|本(宪章|公约|协定|条约)于|.{0,30}年.{0,6}月.{0,6}日在.{0,20}(签订|签署|订立))/u;
const NUMBERED = /^(\d{1,3})\s*[.)]\s+/;

function heading(line: string): Heading | null {
  for (const re of ARTICLE) {
    const m = re.exec(line);
    if (m) return { kind: 'article', n: chineseNumber(m[1]!), num: m[1]!, rest: m[2]!.trim() };
  }
  for (const re of CHAPTER) {
    const m = re.exec(line);
    if (m) return { kind: 'chapter', n: /^[IVXLC]+$/i.test(m[1]!) ? romanNumber(m[1]!) : chineseNumber(m[1]!), num: m[1]!, rest: m[2]!.trim() };
  }
  return null;
}

/** A line that names an article rather than saying something: short, no closing punctuation. */
const looksLikeTitle = (line: string) => [...line].length <= 80 && !/[.;:,。；：，、]$/u.test(line) && !NUMBERED.test(line);

/**
 * The structure of `text`. Throws TextStructureError when it holds no article, when an article
 * number repeats, or when a heading's number cannot be read.
 */
export function parseText(text: string): TextUnit[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
  const units: TextUnit[] = [];
  const seen = new Set<string>();
  let chapter: string | null = null;
  let article: TextUnit | null = null;
  let paragraphs = 0;
  let recitals = 0;
  let inConclusions = false;
  let expectTitle = false;
  let preamble: TextUnit | null = null;
  let conclusions: TextUnit | null = null;

  lines.forEach((line, i) => {
    if (!line) return;
    const lineNo = i + 1;
    const h = inConclusions ? null : heading(line);
    if (h) {
      if (!Number.isFinite(h.n) || h.n <= 0) throw new TextStructureError(`line ${lineNo}: cannot read the number of "${line}"`, lineNo);
      if (h.kind === 'chapter') {
        chapter = `chp_${h.n}`;
        if (seen.has(chapter)) throw new TextStructureError(`line ${lineNo}: chapter ${h.num} appears twice`, lineNo);
        seen.add(chapter);
        units.push({ eid: chapter, kind: 'chapter', num: h.num, heading: h.rest || null, body: '', parent: null });
        article = null;
        expectTitle = !h.rest;
        return;
      }
      const eid = `art_${h.n}`;
      if (seen.has(eid)) throw new TextStructureError(`line ${lineNo}: article ${h.num} appears twice`, lineNo);
      seen.add(eid);
      article = { eid, kind: 'article', num: h.num, heading: h.rest || null, body: '', parent: chapter };
      units.push(article);
      paragraphs = 0;
      expectTitle = !h.rest;
      return;
    }
    if (article && CONCLUSIONS.test(line)) inConclusions = true;
    if (inConclusions) {
      if (!conclusions) {
        conclusions = { eid: 'conclusions', kind: 'conclusions', num: null, heading: null, body: '', parent: null };
        units.push(conclusions);
      }
      conclusions.body = conclusions.body ? `${conclusions.body}\n${line}` : line;
      return;
    }
    if (expectTitle && looksLikeTitle(line)) {
      const last = units.at(-1)!;
      last.heading = line;
      expectTitle = false;
      return;
    }
    expectTitle = false;
    if (!article) {
      if (units.some((u) => u.kind === 'chapter')) {
        // Words between a chapter heading and its first article belong to no article: keep them
        // as the chapter's own words rather than lose them.
        const ch = units.findLast((u) => u.kind === 'chapter')!;
        ch.body = ch.body ? `${ch.body}\n${line}` : line;
        return;
      }
      if (!preamble) {
        preamble = { eid: 'preamble', kind: 'preamble', num: null, heading: null, body: '', parent: null };
        units.push(preamble);
      }
      recitals++;
      units.push({ eid: `preamble__recital_${recitals}`, kind: 'recital', num: null, heading: null, body: line, parent: 'preamble' });
      return;
    }
    paragraphs++;
    const own = NUMBERED.exec(line);
    let eid = `${article.eid}__para_${own ? own[1] : paragraphs}`;
    // A numbered list can restart or skip; an eId must stay unique within the text.
    if (seen.has(eid)) eid = `${article.eid}__para_${paragraphs}`;
    while (seen.has(eid)) eid = `${eid}_${paragraphs}`;
    seen.add(eid);
    units.push({ eid, kind: 'paragraph', num: own ? own[1]! : null, heading: null, body: line, parent: article.eid });
  });
  if (!units.some((u) => u.kind === 'article')) {
    throw new TextStructureError('no article heading found: start each article on its own line with "Article N", "Статья N" or "第N条"', 1);
  }
  return units;
}
