// Any table as a spreadsheet (exceljs's streaming writer) or CSV, row by row: statements and report
// exports hold every ticket they cover, with no row cap, so nothing here keeps the rows in memory.
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';

export type Row = unknown[];
export type ExportFormat = 'xlsx' | 'csv';
export const EXPORT_FORMATS: ExportFormat[] = ['xlsx', 'csv'];
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** An .xlsx stream of one sheet; a failure while reading the rows ends the stream with the error. */
export function xlsxStream(sheetName: string, rows: AsyncIterable<Row>): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  // Excel refuses sheet names over 31 characters or with []:*?/\
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, '_').slice(0, 31));
  const write = async () => {
    for await (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  };
  void write().catch((error) => out.destroy(error));
  return out;
}

const csvCell = (v: unknown) => {
  const text = String(v ?? '');
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
export const csvRow = (r: Row) => `${r.map(csvCell).join(',')}\r\n`;

/** CSV (UTF-8 with BOM, so Excel opens the Chinese headers right), streamed. */
export function csvStream(rows: AsyncIterable<Row>): Readable {
  return Readable.from(
    (async function* lines() {
      let first = true;
      for await (const row of rows) {
        yield `${first ? '\uFEFF' : ''}${csvRow(row)}`;
        first = false;
      }
      if (first) yield '\uFEFF';
    })()
  );
}

/** The format asked for, or a 400-worthy `null`. */
export const exportFormat = (value: unknown): ExportFormat | null =>
  value === undefined || value === '' ? 'xlsx' : EXPORT_FORMATS.includes(value as ExportFormat) ? (value as ExportFormat) : null;

/** Sends `rows` as a download named `name` (without extension) in `format`. */
export function sendTable(ctx: any, name: string, sheetName: string, format: ExportFormat, rows: AsyncIterable<Row>) {
  ctx.attachment(`${name}.${format}`);
  ctx.type = CONTENT_TYPES[format];
  ctx.body = format === 'csv' ? csvStream(rows) : xlsxStream(sheetName, rows);
}
