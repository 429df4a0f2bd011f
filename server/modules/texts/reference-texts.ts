/**
 * The reference texts: data/texts/sources.csv names, per document key and language, the file
 * holding the text, where it was found and on what basis it is reproduced (data/texts/SOURCE.md).
 * Checked as a whole: a missing file, an unknown language or a text without articles is named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsv } from '../../http/tabular.ts';
import { parseText, TextStructureError, type Language } from './text-structure.ts';
import type { ReferenceText } from './texts.service.ts';

/** The texts directory beside a reference directory (data/sco → data/texts). */
export const textsDirBeside = (referenceDir: string) => path.join(path.dirname(path.resolve(referenceDir)), 'texts');

/** Reads and checks data/texts; [] when the directory does not exist. */
export function readReferenceTexts(dir: string): ReferenceText[] {
  const index = path.join(dir, 'sources.csv');
  if (!fs.existsSync(index)) return [];
  const problems: string[] = [];
  const out: ReferenceText[] = [];
  readCsv(fs.readFileSync(index, 'utf8')).forEach((row) => {
    const line = row.line;
    const r = row.cells;
    if (!['en', 'ru', 'zh'].includes(r.language ?? '')) return problems.push(`sources.csv:${line}: language must be en, ru or zh`);
    if (!/^[a-z0-9-]{1,200}$/.test(r.document ?? '')) return problems.push(`sources.csv:${line}: document must be a document key`);
    if (!r.source?.trim()) return problems.push(`sources.csv:${line}: source is required`);
    const file = path.join(dir, r.file ?? '');
    if (!r.file || !fs.existsSync(file)) return problems.push(`sources.csv:${line}: file "${r.file ?? ''}" not found`);
    const text = fs.readFileSync(file, 'utf8');
    try {
      parseText(text);
    } catch (e) {
      if (e instanceof TextStructureError) return problems.push(`${r.file}: ${e.message}`);
      throw e;
    }
    out.push({ key: r.document!, language: r.language as Language, text, source: r.source.split(' | ').map((s) => s.trim()), ...(r.note ? { note: r.note } : {}) });
  });
  if (problems.length) throw new Error(`data/texts is not valid:\n${problems.join('\n')}`);
  return out;
}
