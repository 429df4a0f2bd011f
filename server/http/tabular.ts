/**
 * Tables that people edit — CSV and XLSX — read into rows with their line numbers, and checked
 * row by row with a JSON Schema, so every bad row is reported with its line and reason.
 */
import { parse } from 'csv-parse/sync';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

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
export const ajv = addFormats(new Ajv({ allErrors: true }));

/** One readable sentence per schema error, naming the column. */
export function describeError(e: ErrorObject): string {
  const params = e.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  const column = e.instancePath.replace(/^\//, '') || params.missingProperty || params.additionalProperty;
  if (e.keyword === 'additionalProperties') return `unknown column "${column}"`;
  if (e.keyword === 'required') return `column "${column}" is required`;
  return `column "${column}" ${e.message}${params.allowedValues ? `: ${params.allowedValues.join(', ')}` : ''}`;
}

/** Rows of a CSV text; empty cells are left out ("no value"). */
export function readCsv(text: string): TableRow[] {
  const records = parse(text, { columns: true, info: true, skip_empty_lines: true, bom: true, trim: true }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ line: info.lines, cells: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')) }));
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
      const value = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : String(cell.text).trim();
      if (header[col] && value !== '') cells[header[col]!] = value;
    });
    if (Object.keys(cells).length > 0) rows.push({ line, cells });
  });
  return rows;
}

export async function readTable(body: string | Buffer, contentType: string): Promise<TableRow[]> {
  return contentType.startsWith(XLSX) ? readXlsx(body as Buffer) : readCsv(String(body));
}

/** Checks every row; returns the problems of all bad rows (none means all rows are good). */
export function checkRows(schema: object, rows: TableRow[]): RowProblem[] {
  const validate = ajv.compile(schema);
  return rows.flatMap((row) => (validate(row.cells) ? [] : (validate.errors ?? []).map((e) => ({ line: row.line, message: describeError(e) }))));
}

/** An XLSX file of `rows` under `columns`. */
export async function writeXlsx(columns: string[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const book = new (await excel()).Workbook();
  const sheet = book.addWorksheet('data');
  sheet.addRow(columns);
  for (const r of rows) sheet.addRow(columns.map((c) => r[c] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}
