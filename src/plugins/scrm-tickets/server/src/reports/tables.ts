// The dashboard's tables as rows for a spreadsheet (utils/table-export.ts): headers in Chinese and
// English, fen and seconds as exact integers, times in Asia/Shanghai.
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { TEMPLATE_UID } from '../constants';
import { getService } from '../utils/get-service';
import type { Row } from '../utils/table-export';
import type { Figures } from './figures';
import { ZONE } from './filters';
import type { ReportsService, Resolved, TicketSet } from '../services/reports';

type Column = [string, (f: Figures) => unknown];
const COLUMNS: Column[] = [
  ['新建 Created', (f) => f.created],
  ['已响应 Responded', (f) => f.responded],
  ['首次响应中位(秒) First response p50 (s)', (f) => f.firstResponseSeconds.p50],
  ['首次响应P90(秒) First response p90 (s)', (f) => f.firstResponseSeconds.p90],
  ['已完结 Completed', (f) => f.completed],
  ['完结率 Completion rate', (f) => f.completionRate],
  ['重开 Reopened', (f) => f.reopened],
  ['重开率 Reopen rate', (f) => f.reopenRate],
  ['解决 Resolved', (f) => f.resolved],
  ['解决时长中位(秒) Resolution p50 (s)', (f) => f.resolutionSeconds.p50],
  ['解决时长P90(秒) Resolution p90 (s)', (f) => f.resolutionSeconds.p90],
  ['SLA考核 SLA measured', (f) => f.slaTotal],
  ['SLA达标 SLA met', (f) => f.slaMet],
  ['SLA达标率 SLA met rate', (f) => f.slaMetRate],
  ['评价数 Rated', (f) => f.csat.rated],
  ['满意度均分 CSAT average', (f) => f.csat.average],
  ['关闭 Closed', (f) => f.closed],
  ['收入(分) Revenue fen', (f) => f.revenueFen],
  ['成本(分) Cost fen', (f) => f.costFen],
  ['利润(分) Profit fen', (f) => f.profitFen],
  ['单均利润(分) Profit per ticket fen', (f) => f.profitPerTicketFen],
  ['未结 Open', (f) => f.open],
  ['积压时长中位(秒) Backlog age p50 (s)', (f) => f.backlogAgeSeconds?.p50 ?? null],
  ['积压时长P90(秒) Backlog age p90 (s)', (f) => f.backlogAgeSeconds?.p90 ?? null],
];

/** One row per group (a source, region, day …), one column per figure. */
export async function* figureTable(rows: (Figures & { key: string | null; label: string })[], groupHeader: string): AsyncGenerator<Row> {
  yield [groupHeader, '代码 Key', ...COLUMNS.map(([header]) => header)];
  for (const r of rows) yield [r.label, r.key, ...COLUMNS.map(([, value]) => value(r))];
}

/** The totals as figure/value pairs, then the source mix and the funnel. */
export async function* summaryTable(summary: { totals: Figures; sources: { source: string; created: number }[]; funnel: { state: string; tickets: number }[] }): AsyncGenerator<Row> {
  yield ['指标 Figure', '值 Value'];
  for (const [header, value] of COLUMNS) yield [header, value(summary.totals)];
  for (const score of ['1', '2', '3', '4', '5'] as const) yield [`${score}星 ${score} stars`, summary.totals.csat.distribution[score]];
  yield [];
  yield ['来源 Source', '新建 Created'];
  for (const s of summary.sources) yield [s.source, s.created];
  yield [];
  yield ['状态 State', '工单数 Tickets'];
  for (const s of summary.funnel) yield [s.state, s.tickets];
}

const TICKET_HEADER = [
  '工单号 Number', '标题 Title', '状态 State', '优先级 Priority', '来源 Source', '模板 Template', '区域 Region', '团队 Team', '处理人 Assignee',
  '上报 Reported', '首次响应 First response', '解决 Resolved', '关闭 Closed', 'SLA达标 SLA met', '满意度 CSAT', '金额(分) Amount fen',
];

const shanghai = (v: unknown) => {
  if (v === null || v === undefined) return null;
  const at = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as any));
  return DateTime.fromJSDate(at).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm:ss');
};
const bool = (v: unknown) => (v === null || v === undefined ? null : v === true || v === 1 || v === '1' ? '是 yes' : '否 no');

/** Every ticket a figure counted (the drill-down), a page at a time, names filled in. */
export async function* ticketTable(strapi: Core.Strapi, reports: ReportsService, r: Resolved, set: TicketSet): AsyncGenerator<Row> {
  const templates = new Map(((await strapi.db.query(TEMPLATE_UID as any).findMany({ select: ['id', 'key'] })) as any[]).map((t) => [Number(t.id), t.key as string]));
  const regions = new Map((await getService('staff-scope', { strapi }).regions()).map((g) => [g.id, g.name ?? g.code]));
  yield TICKET_HEADER;
  for await (const page of reports.tickets(r, set)) {
    const userIds = [...new Set(page.map((t) => t.user_id).filter((id) => id !== null && id !== undefined).map(Number))];
    const users = new Map(
      ((await strapi.db.query('admin::user').findMany({ where: { id: { $in: userIds } }, select: ['id', 'firstname', 'lastname', 'email'] })) as any[]).map((u) => [
        Number(u.id),
        [u.lastname, u.firstname].filter(Boolean).join('') || u.email,
      ])
    );
    for (const t of page) {
      yield [
        t.number, t.title, t.state, t.priority, t.source, templates.get(Number(t.template_id)) ?? null, regions.get(Number(t.region_id)) ?? null, t.team,
        users.get(Number(t.user_id)) ?? null, shanghai(t.reported_at), shanghai(t.first_responded_at), shanghai(t.resolved_at), shanghai(t.closed_at),
        bool(t.sla_met), t.csat === null || t.csat === undefined ? null : Number(t.csat), t.amount_fen === null || t.amount_fen === undefined ? null : Number(t.amount_fen),
      ];
    }
  }
}
