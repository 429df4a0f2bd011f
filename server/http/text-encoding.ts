/**
 * Uploaded text files in the encodings people's tools save: UTF-8 (with or without a BOM), UTF-16
 * with a BOM, and windows-1251 (Excel's "CSV" in a Russian locale). Anything else is refused, so a
 * replacement character (U+FFFD) never reaches the database.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from './problem.ts';

const strict = (encoding: string) => new TextDecoder(encoding, { fatal: true, ignoreBOM: false });

/** The `charset` parameter of a Content-Type header, lower-cased, if any. */
export const charsetOf = (contentType: string | undefined): string | undefined => /;\s*charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();

const isAsciiLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/**
 * Whether bytes that are not UTF-8 read as windows-1251 Cyrillic text: nearly all their bytes
 * above 0x7F are Cyrillic letters (0xC0–0xFF, Ё 0xA8, ё 0xB8) or its common punctuation
 * (№ 0xB9, « » 0xAB 0xBB, dashes 0x96 0x97, quotes 0x93 0x94), and those letters are not glued to
 * Latin ones (as Latin-1 "café" would be: "caf" + "щ").
 */
export function looksLikeWindows1251(data: Uint8Array): boolean {
  let high = 0;
  let cyrillic = 0;
  let glued = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b < 0x80) continue;
    high++;
    if (b >= 0xc0 || [0xa8, 0xb8, 0xb9, 0xab, 0xbb, 0x96, 0x97, 0x93, 0x94].includes(b)) cyrillic++;
    if (isAsciiLetter(data[i - 1]) || isAsciiLetter(data[i + 1])) glued++;
  }
  return high > 0 && cyrillic / high >= 0.95 && glued / high <= 0.05;
}

/**
 * The text of an uploaded file. Reads a BOM (UTF-8, UTF-16), a declared charset, else UTF-8,
 * else windows-1251 when the bytes look like it. Errors: 400 naming the encoding problem.
 */
export function decodeText(data: Buffer, charset?: string): string {
  let text: string;
  try {
    if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) text = strict('utf-8').decode(data);
    else if (data[0] === 0xff && data[1] === 0xfe) text = strict('utf-16le').decode(data);
    else if (data[0] === 0xfe && data[1] === 0xff) text = strict('utf-16be').decode(data);
    else if (charset && charset !== 'utf-8' && charset !== 'utf8') text = strict(charset).decode(data);
    else {
      try {
        text = strict('utf-8').decode(data);
      } catch {
        if (!looksLikeWindows1251(data)) throw new Error('not UTF-8');
        text = strict('windows-1251').decode(data);
      }
    }
  } catch (e) {
    if (e instanceof RangeError && charset) throw new AppError('unsupported_media_type', `The charset "${charset}" is not one this server reads; send UTF-8`);
    throw new AppError('invalid_request', 'The file is neither UTF-8 nor windows-1251 text; save it as "CSV UTF-8" (or UTF-8 text) and send it again', [{ field: 'body', message: 'is not UTF-8 text' }]);
  }
  if (text.includes('\ufffd')) throw new AppError('invalid_request', 'The file contains replacement characters (U+FFFD): text was lost when it was saved; save it again as UTF-8', [{ field: 'body', message: 'contains U+FFFD' }]);
  return text;
}

/** A Fastify body parser (parseAs: 'buffer') for text uploads: the body becomes decodeText's string. */
export function textParser(request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: string) => void): void {
  try {
    done(null, decodeText(body, charsetOf(request.headers['content-type'])));
  } catch (e) {
    done(e as Error);
  }
}
