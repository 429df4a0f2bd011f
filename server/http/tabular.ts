/**
 * Tables that people edit — CSV and XLSX — read into rows with their line numbers, and checked
 * row by row with a JSON Schema, so every bad row is reported with its line and reason.
 */
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { parse as parseStream } from 'csv-parse';
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { calendarDateFormat } from './common-schemas.ts';

/** exceljs, loaded when a spreadsheet is read or written (it is heavy; most starts need none). */
const excel = async () => (await import('exceljs')).default;

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface RowProblem {
  line: number;
  message: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
export const ajv = calendarDateFormat(addFormats(new Ajv({ allErrors: true })));

/** One readable sentence per schema error, naming the column. */
export function describeError(e: ErrorObject): string {
  const params = e.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  const column = e.instancePath.replace(/^\//, '') || params.missingProperty || params.additionalProperty;
  if (e.keyword === 'additionalProperties') return `unknown column "${column}"`;
  if (e.keyword === 'required') return `column "${column}" is required`;
  return `column "${column}" ${e.message}${params.allowedValues ? `: ${params.allowedValues.join(', ')}` : ''}`;
}

/**
 * The field separator of a CSV text: `,`, or `;` (Excel in many European and Russian locales) or a
 * tab when the header line holds more of those than commas, outside quotes.
 */
export function csvSeparator(text: string): ',' | ';' | '\t' {
  const header = (/^[^\n]*/.exec(text)?.[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => header.split(c).length - 1;
  const [best] = ([',', ';', '\t'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return best![1] > 0 ? best![0] : ',';
}

type CsvRecord = { record: Record<string, string>; info: { lines: number }; raw: string };
const csvOptions = (delimiter: string) => ({ columns: true, info: true, raw: true, skip_empty_lines: true, bom: true, trim: true, delimiter }) as const;
/** Line breaks as LF, so that csv-parse counts a CRLF once. */
const lf = (text: string) => text.replace(/\r\n?/g, '\n');

/** A record's row: numbered by the line where it STARTS (a quoted line break spans lines); empty cells left out. */
function rowOf({ record, info, raw }: CsvRecord): TableRow {
  const breaks = raw.replace(/^\n+|\n+$/g, '').split('\n').length - 1;
  return { line: info.lines - breaks, cells: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '').map(([k, v]) => [k, unquoteFormula(v)])) };
}

/** Rows of a CSV text (separator detected, see csvSeparator). */
export function readCsv(text: string): TableRow[] {
  const body = lf(text);
  return (parse(body, csvOptions(csvSeparator(body))) as CsvRecord[]).map(rowOf);
}

/** Characters parsed between two turns of the event loop while reading an upload. */
const CSV_SLICE = 64 * 1024;

/**
 * readCsv for uploads: the text is parsed a slice at a time, letting the event loop serve other
 * requests in between, so a large file never stalls the server for long.
 */
export async function readCsvUpload(text: string): Promise<TableRow[]> {
  const body = lf(text);
  const parser = parseStream(csvOptions(csvSeparator(body)));
  const rows: TableRow[] = [];
  let failure: Error | undefined;
  parser.on('readable', () => {
    for (let r: CsvRecord | null; (r = parser.read() as CsvRecord | null) !== null; ) rows.push(rowOf(r));
  });
  parser.on('error', (e) => (failure = e));
  const ended = new Promise<void>((resolve) => parser.on('close', resolve).on('end', resolve).on('error', () => resolve()));
  for (let i = 0; i < body.length && !failure; i += CSV_SLICE) {
    parser.write(body.slice(i, i + CSV_SLICE));
    await turn();
  }
  if (!failure) parser.end();
  await ended;
  if (failure) throw failure;
  return rows;
}

/** Lets the event loop serve what is waiting (timers, other requests' I/O) before going on. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Milliseconds of work between two turns of the event loop in long loops (see eachYielding). */
export const SLICE_MS = 10;

/**
 * Calls `visit` on every item, giving the event loop a turn whenever SLICE_MS have passed, so that
 * a long loop (20,000 rows) never holds the server for long. Linear: the clock is read once per item.
 */
export async function eachYielding<T>(items: readonly T[], visit: (item: T, index: number) => void): Promise<void> {
  let since = performance.now();
  for (let i = 0; i < items.length; i++) {
    visit(items[i]!, i);
    if (performance.now() - since >= SLICE_MS) {
      await turn();
      since = performance.now();
    }
  }
}

/** Rows of the first worksheet of an XLSX file, the first row naming the columns. */
export async function readXlsx(data: Buffer): Promise<TableRow[]> {
  const book = new (await excel()).Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (header[col] = String(cell.text).trim()));
  const rows: TableRow[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells: Record<string, string> = {};
    row.eachCell((cell, col) => {
      const value = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : unquoteFormula(String(cell.text).trim());
      if (header[col] && value !== '') cells[header[col]!] = value;
    });
    if (Object.keys(cells).length > 0) rows.push({ line, cells });
  });
  return rows;
}

/** Rows of an uploaded table: XLSX bytes, or CSV text (decoded by the body parser). */
export async function readTable(body: string | Buffer, contentType: string): Promise<TableRow[]> {
  return contentType.startsWith(XLSX) ? readXlsx(body as Buffer) : readCsvUpload(String(body));
}

/** Checks every row; returns the problems of all bad rows (none means all rows are good). */
export function checkRows(schema: object, rows: TableRow[]): RowProblem[] {
  const validate = ajv.compile(schema);
  const problems: RowProblem[] = [];
  for (const row of rows) if (!validate(row.cells)) for (const e of validate.errors ?? []) problems.push({ line: row.line, message: describeError(e) });
  return problems;
}

/** checkRows for uploads: the same problems, with turns of the event loop in between (eachYielding). */
export async function checkRowsYielding(schema: object, rows: TableRow[]): Promise<RowProblem[]> {
  const validate = ajv.compile(schema);
  const problems: RowProblem[] = [];
  await eachYielding(rows, (row) => {
    if (!validate(row.cells)) for (const e of validate.errors ?? []) problems.push({ line: row.line, message: describeError(e) });
  });
  return problems;
}

/**
 * A cell a spreadsheet would read as a formula (OWASP "CSV injection": = + - @ tab CR), after any
 * apostrophes: such a cell gets one more apostrophe, so that import removes exactly one.
 */
const QUOTED_FORMULA = /^'*[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet will show as text: one starting a formula gets a leading apostrophe
 * (`=1+1` → `'=1+1`), which spreadsheets hide and `unquoteFormula` removes on import.
 */
export const formulaSafe = (text: string): string => (QUOTED_FORMULA.test(text) ? `'${text}` : text);

/** The inverse of formulaSafe, for cells read back from an exported file. */
const unquoteFormula = (text: string): string => (text.startsWith("'") && QUOTED_FORMULA.test(text.slice(1)) ? text.slice(1) : text);

/** CSV text of `records` (csv-stringify's options), every text cell made formula-safe. */
export function toCsv(records: unknown[], options: StringifyOptions = {}): string {
  return stringify(records as never, { ...options, cast: { ...options.cast, string: formulaSafe } });
}

/** An XLSX file of `rows` under `columns`, text cells formula-safe. */
export async function writeXlsx(columns: string[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const book = new (await excel()).Workbook();
  const sheet = book.addWorksheet('data');
  sheet.addRow(columns);
  for (const r of rows) sheet.addRow(columns.map((c) => (typeof r[c] === 'string' ? formulaSafe(r[c] as string) : (r[c] ?? null))));
  return Buffer.from(await book.xlsx.writeBuffer());
}
