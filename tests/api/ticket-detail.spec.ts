import { adminWithRole, bearer, createTemplate, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const TICKET_UID = 'plugin::scrm-tickets.ticket';
const FIELDS = [
  { key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text', required: true },
  { key: 'contactMobile', label: { 'zh-Hans': '联系电话' }, type: 'mobile' },
];

describe('admin ticket detail (GET /scrm-tickets/tickets/:id/detail, edit, reply, assign)', () => {
  let template: any;
  let ticket: any;
  let admin: { jwt: string; id: number };
  let agentA: { jwt: string; id: number };
  let team: string;
  const detail = async (jwt = admin.jwt) => {
    const res = await http().get(`/scrm-tickets/tickets/${ticket.documentId}/detail`).set(bearer(jwt));
    expect(res.status).toBe(200);
    return res.body.data;
  };

  beforeAll(async () => {
    template = await createTemplate({ fieldDefinitions: FIELDS });
    team = unique('detail-team').toLowerCase();
    await strapi().documents('plugin::scrm-tickets.team' as any).create({ data: { key: team, name: team, strategy: 'least_loaded', autoAssign: false } as any });
    admin = await adminWithRole('管理员');
    agentA = await adminWithRole('客服坐席');
    const agentB = await adminWithRole('客服坐席');
    const profile = (user: number, name: string, openCount: number) =>
      strapi().documents('plugin::scrm-tickets.agent-profile' as any).create({ data: { name, team, user, capacity: 5, openCount } as any });
    await profile(agentA.id, unique('甲坐席'), 0);
    await profile(agentB.id, unique('乙坐席'), 3);
    ticket = await strapi().documents(TICKET_UID as any).create({ data: { templateKey: template.key, title: '详情页', fields: { summary: '空调漏水' }, team } as any });
  });

  it('gives the ticket with its template, timeline, moves, notifications and the team’s pick first', async () => {
    const d = await detail();
    expect([d.ticket.number, d.ticket.version, d.ticket.stateLabel['zh-Hans'], d.ticket.fields]).toEqual([ticket.number, 1, '新建', { summary: '空调漏水' }]);
    expect(d.template.fieldDefinitions.map((f: any) => f.key)).toEqual(['summary', 'contactMobile']);
    expect(d.template.states.map((s: any) => s.key)).toContain('in_progress');
    expect(d.events.map((e: any) => e.type)).toEqual(['created']);
    expect(d.transitions.map((t: any) => t.to)).toEqual(expect.arrayContaining(['assigned', 'in_progress', 'cancelled']));
    expect(d.notifications).toEqual([]);
    expect(d.candidates[0]).toMatchObject({ userId: agentA.id, suggested: true, team });
    expect(d.candidates.filter((c: any) => c.suggested)).toHaveLength(1);
    // The page offers what the reader's role holds: 管理员 all; a role of read and transition only, just that.
    expect(d.can).toEqual({ update: true, assign: true, transition: true, approve: true });
    const mover = await adminWithRole(unique('只读可流转'), ['plugin::scrm-tickets.ticket.read', 'plugin::scrm-tickets.ticket.transition']);
    expect((await detail(mover.jwt)).can).toEqual({ update: false, assign: false, transition: true, approve: false });
  });

  it('refuses a bad field value with its path and saves nothing; saves a good one with the version', async () => {
    const put = (data: Record<string, unknown>) => http().put(`/scrm-tickets/tickets/${ticket.documentId}`).set(bearer(admin.jwt)).send(data);
    const bad = await put({ version: 1, fields: { summary: '空调漏水', contactMobile: '12345' } });
    expect([bad.status, bad.body.error.details.errors[0].path]).toEqual([400, ['fields', 'contactMobile']]);
    expect((await put({ version: 1, assignee: agentA.id })).body.error.details.errors[0].path).toEqual(['assignee']);
    expect((await detail()).ticket.version).toBe(1);
    const good = await put({ version: 1, title: '详情页（已核实）', fields: { summary: '空调漏水', contactMobile: '13800138000' } });
    expect(good.status).toBe(200);
    expect((await put({ version: 1, title: '过期的版本' })).status).toBe(409);
    const d = await detail();
    expect([d.ticket.title, d.ticket.fields.contactMobile, d.ticket.version]).toEqual(['详情页（已核实）', '13800138000', 2]);
    expect(d.events.map((e: any) => e.type)).toContain('field_changed');
  });

  it('writes replies and internal notes, and assigns with the assign right only', async () => {
    const reply = (body: string, visibility: string) => http().post(`/scrm-tickets/tickets/${ticket.documentId}/comments`).set(bearer(admin.jwt)).send({ body, visibility });
    expect((await reply('已安排师傅', 'public')).status).toBe(201);
    expect((await reply('客户很急', 'internal')).status).toBe(201);
    expect((await reply('', 'public')).status).toBe(400);
    const comments = (await detail()).events.filter((e: any) => e.type === 'comment').map((e: any) => [e.body, e.visibility]);
    expect(comments).toEqual([['已安排师傅', 'public'], ['客户很急', 'internal']]);

    // A 客服坐席 attaches a photo through the Media Library's admin upload (the role holds it) and
    // replies with the photo alone.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const upload = await http().post('/upload').set(bearer(agentA.jwt)).attach('files', png, { filename: '现场照片.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    const photo = upload.body[0].id;
    const withPhoto = await http().post(`/scrm-tickets/tickets/${ticket.documentId}/comments`).set(bearer(agentA.jwt)).send({ body: '', attachments: [photo] });
    expect(withPhoto.status).toBe(201);
    const last = (await detail()).events.filter((e: any) => e.type === 'comment').pop();
    expect([last.body, last.attachments.map((f: any) => f.name)]).toEqual(['', ['现场照片.png']]);
    // Neither text nor files: refused.
    expect((await http().post(`/scrm-tickets/tickets/${ticket.documentId}/comments`).set(bearer(agentA.jwt)).send({ body: ' ', attachments: [] })).status).toBe(400);

    const assign = (jwt: string, assignee: unknown, version: number) => http().post(`/scrm-tickets/tickets/${ticket.documentId}/assign`).set(bearer(jwt)).send({ assignee, version });
    expect((await assign(agentA.jwt, agentA.id, 2)).status).toBe(403); // 客服坐席 holds no ticket.assign
    expect((await assign(admin.jwt, 'someone', 2)).body.error.details.errors[0].path).toEqual(['assignee']);
    const done = await assign(admin.jwt, agentA.id, 2);
    expect(done.status).toBe(200);
    const d = await detail();
    expect(d.ticket.assignee).toMatchObject({ id: agentA.id });
    expect(d.events.some((e: any) => e.type === 'field_changed' && e.changes?.assignee)).toBe(true);
  });
});
