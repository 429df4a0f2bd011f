/** JSON-schema fragments shared by the route schemas of several modules. */

export const isoDate = { type: 'string', format: 'date', description: 'A calendar date, YYYY-MM-DD.' } as const;
export const iso2 = { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code.' } as const;
export const localised = {
  type: 'object',
  required: ['en'],
  properties: { en: { type: 'string' }, ru: { type: ['string', 'null'] }, zh: { type: ['string', 'null'] } },
} as const;
export const provenance = {
  source: { type: 'array', items: { type: 'string' } },
  confidence: { type: 'string', enum: ['confirmed', 'seed', 'wikipedia', 'unconfirmed'] },
  note: { type: ['string', 'null'] },
} as const;
export const errorResponses = {
  400: { $ref: 'Problem#', description: 'Invalid request' },
  404: { $ref: 'Problem#', description: 'Not found' },
} as const;

/** The errors of a route that needs sign-in and can conflict with the state of its records. */
export const restrictedErrors = {
  ...errorResponses,
  401: { $ref: 'Problem#', description: 'Sign-in required' },
  403: { $ref: 'Problem#', description: 'Forbidden' },
  409: { $ref: 'Problem#', description: 'Conflict with the state of the records' },
} as const;

/** An ILIKE pattern matching `text` anywhere, with its wildcards taken literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The three-language form of a row's `<prefix>_en/_ru/_zh` columns. */
export function localisedOf(row: Record<string, unknown>, prefix: string) {
  return { en: row[`${prefix}_en`] as string, ru: (row[`${prefix}_ru`] as string | null) ?? null, zh: (row[`${prefix}_zh`] as string | null) ?? null };
}

export const today = () => new Date().toISOString().slice(0, 10);

/**
 * Whether `text` is a calendar date PostgreSQL can store: YYYY-MM-DD, year 0001–9999, a day that
 * exists in that month (2024-02-30 and 0000-01-01 are not dates).
 */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** An Ajv plugin: the `date` format accepts only real calendar dates (see isCalendarDate). */
export function calendarDateFormat<T extends { addFormat(name: string, format: { type: 'string'; validate: (s: string) => boolean }): unknown }>(ajv: T): T {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  return ajv;
}

/** A link to evidence or a source: an absolute http(s) URL (no javascript:, data:, file: …). */
export const webLink = { type: 'string', format: 'uri', pattern: '^[hH][tT][tT][pP][sS]?://[^\\s]+$', maxLength: 2000 } as const;
