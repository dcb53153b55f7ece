// A statement as a spreadsheet (exceljs, streamed) or CSV. Fen stay integers in their own columns
// (exact); yuan columns are for reading.
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { StatementLine } from './statement';

export interface ExportedStatement {
  period: string;
  party: string;
  currency: string;
  status: string;
  totalFen: number;
  sha256?: string | null;
  lines: StatementLine[];
}

const HEADER = ['工单号 Ticket', '档位 Tier', '结算额(分) Line fen', '分成(分) Share fen', '结算额(元) Line', '分成(元) Share'];
const yuan = (fen: number) => (fen / 100).toFixed(2);
const rowOf = (l: StatementLine) => [l.ticket, l.tier, l.lineFen, l.fen, yuan(l.lineFen), yuan(l.fen)];

/** An .xlsx stream: the statement's heading, then one row per line, then the total. */
export function statementXlsx(s: ExportedStatement): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(s.period);
  sheet.addRow(['结算单 Statement', s.period, s.party, s.currency, s.status]).commit();
  sheet.addRow(['SHA-256', s.sha256 ?? '']).commit();
  sheet.addRow(HEADER).commit();
  for (const l of s.lines) sheet.addRow(rowOf(l)).commit();
  sheet.addRow(['合计 Total', null, null, s.totalFen, null, yuan(s.totalFen)]).commit();
  sheet.commit();
  void workbook.commit().catch((error) => out.destroy(error));
  return out;
}

const csvCell = (v: unknown) => {
  const text = String(v ?? '');
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV (UTF-8 with BOM, so Excel opens the Chinese headers right). */
export function statementCsv(s: ExportedStatement): string {
  const rows = [HEADER, ...s.lines.map(rowOf), ['合计 Total', null, null, s.totalFen, null, yuan(s.totalFen)]];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
