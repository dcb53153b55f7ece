// A statement as a spreadsheet (exceljs, streamed) or CSV, line by line: the platform's month
// holds every ticket, so nothing here keeps all lines in memory. Fen stay integers in their own
// columns (exact); yuan columns are for reading.
import type { PassThrough, Readable } from 'node:stream';
import { csvStream, xlsxStream, type Row } from '../utils/table-export';
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

/** The statement as rows: its heading and seal, one row per line, then the total (and CNY value). */
async function* statementRows(s: ExportedStatement, lines: AsyncIterable<StatementLine>, sealRow: boolean): AsyncGenerator<Row> {
  if (sealRow) {
    yield heading(s);
    yield ['SHA-256', s.sha256 ?? ''];
  }
  yield HEADER;
  for await (const l of lines) yield rowOf(l);
  yield totalRow(s);
  if (s.currency !== 'CNY') yield cnyRow(s);
}

/** An .xlsx stream of the statement, with its heading and seal on top. */
export const statementXlsx = (s: ExportedStatement, lines: AsyncIterable<StatementLine>): PassThrough => xlsxStream(s.period, statementRows(s, lines, true));

/** CSV of the statement's lines and total (UTF-8 with BOM). */
export const statementCsv = (s: ExportedStatement, lines: AsyncIterable<StatementLine>): Readable => csvStream(statementRows(s, lines, false));
