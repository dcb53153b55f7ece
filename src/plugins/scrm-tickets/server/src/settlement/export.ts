// A statement as a spreadsheet (exceljs, streamed) or CSV, line by line: the platform's month
// holds every ticket, so nothing here keeps all lines in memory. Fen stay integers in their own
// columns (exact); yuan columns are for reading.
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { StatementLine } from './statement';

export interface ExportedStatement {
  period: string;
  party: string;
  currency: string;
  seq: number;
  status: string;
  totalFen: number;
  sha256?: string | null;
  /** CNY per unit and the total in CNY fen, for statements in HKD or USD. */
  cnyRate?: string | null;
  cnyFen?: number | null;
}

const HEADER = ['工单号 Ticket', '档位 Tier', '结算额(分) Line fen', '分成(分) Share fen', '结算额(元) Line', '分成(元) Share'];
const REBATE = '返利 Rebate';
const yuan = (fen: number) => (fen / 100).toFixed(2);
const rowOf = (l: StatementLine) => [l.kind === 'rebate' ? REBATE : l.ticket, l.tier, l.lineFen, l.fen, yuan(l.lineFen), yuan(l.fen)];
const heading = (s: ExportedStatement) => ['结算单 Statement', s.period, s.party, s.currency, s.status, s.seq > 0 ? `调整 Adjustment ${s.seq}` : null];
const totalRow = (s: ExportedStatement) => ['合计 Total', null, null, s.totalFen, null, yuan(s.totalFen)];
const cnyRow = (s: ExportedStatement) => ['折合人民币 CNY', s.cnyRate ?? '', null, s.cnyFen ?? null, null, s.cnyFen == null ? '' : yuan(s.cnyFen)];

/** An .xlsx stream: the statement's heading and seal, one row per line, then the total. */
export function statementXlsx(s: ExportedStatement, lines: AsyncIterable<StatementLine>): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(s.period);
  const write = async () => {
    sheet.addRow(heading(s)).commit();
    sheet.addRow(['SHA-256', s.sha256 ?? '']).commit();
    sheet.addRow(HEADER).commit();
    for await (const l of lines) sheet.addRow(rowOf(l)).commit();
    sheet.addRow(totalRow(s)).commit();
    if (s.currency !== 'CNY') sheet.addRow(cnyRow(s)).commit();
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
const csvRow = (r: unknown[]) => `${r.map(csvCell).join(',')}\r\n`;

/** CSV (UTF-8 with BOM, so Excel opens the Chinese headers right), streamed. */
export function statementCsv(s: ExportedStatement, lines: AsyncIterable<StatementLine>): Readable {
  return Readable.from(
    (async function* rows() {
      yield `\uFEFF${csvRow(HEADER)}`;
      for await (const l of lines) yield csvRow(rowOf(l));
      yield csvRow(totalRow(s));
      if (s.currency !== 'CNY') yield csvRow(cnyRow(s));
    })()
  );
}
