import { adminToken, adminWithRole, bearer, http, postTicket, unique } from '../helpers/fixtures';
import YAML from 'yaml';
import { strapi } from '../helpers/strapi';

const TEMPLATE_UID = 'plugin::scrm-tickets.ticket-template';
const RULE_UID = 'plugin::scrm-tickets.routing-rule';
const LIBRARY_UID = 'plugin::scrm-tickets.project-library';
const TICKET_UID = 'plugin::scrm-tickets.ticket';
const EVENT_UID = 'plugin::scrm-tickets.ticket-event';

/** A value a required field of this definition accepts. */
function sampleValue(d: any): unknown {
  switch (d.type) {
    case 'select': return d.options[0].value;
    case 'multiselect': return [d.options[0].value];
    case 'number': case 'money': return d.min ?? 1;
    case 'date': return '2026-11-20';
    case 'datetime': return '2026-11-20T10:00:00+08:00';
    case 'boolean': return true;
    case 'mobile': return '13912345678';
    case 'email': return 'guest@example.com';
    default: return d.pattern ? 'AB12345678' : '测试';
  }
}

/** A small home-appliance library: every section, cross-referenced by key. */
function libraryFile() {
  const k = unique('lib').toLowerCase();
  return {
    key: k,
    name: { 'zh-Hans': '家电售后测试库', en: 'Appliance test library' },
    industry: 'home_appliance',
    version: '1.0.0',
    templates: [
      {
        key: `${k}_ac_clean`, name: { 'zh-Hans': '空调清洗预约', en: 'AC cleaning' }, category: 'aftersale', defaultPriority: 'normal',
        fieldDefinitions: [{ key: 'summary', label: { 'zh-Hans': '概述' }, type: 'text', required: true }],
        settlementTier: `${k}_tier`,
        keywords: ['空调', '清洗'],
      },
    ],
    slaPolicies: [
      { key: `${k}_sla`, name: '清洗 4 小时', schedule: { hours: 'always' }, resolutionMinutes: 240, conditions: { all: [{ fact: 'template', operator: 'equal', value: `${k}_ac_clean` }] } },
    ],
    routingRules: [
      {
        name: `${k} VIP 优先`, position: 5,
        conditions: { all: [{ fact: 'template', operator: 'equal', value: `${k}_ac_clean` }, { fact: 'customerVipLevel', operator: 'greaterThanInclusive', value: 3 }] },
        actions: [{ type: 'setPriority', priority: 'high' }, { type: 'requireApproval', policy: `${k}_refund` }],
      },
    ],
    approvalPolicies: [{ key: `${k}_refund`, name: '退款审批', levels: [{ key: 'store', label: { 'zh-Hans': '店长审批' }, roles: ['店长'] }] }],
    settlementTiers: [{ key: `${k}_tier`, name: '清洗档', currency: 'CNY', model: { baseFees: { default: 6000 }, split: [{ party: 'platform', rate: '0.1' }, { party: 'engineer' }] } }],
    priceLists: [{ key: `${k}_prices`, name: '清洗价目', currency: 'CNY', active: false, prices: { ac_clean: 9900 } }],
  };
}

describe('project libraries', () => {
  let jwt: string;
  const post = (path: string, body: unknown, token = jwt) => http().post(`/scrm-tickets/libraries/${path}`).set(bearer(token)).send(body as object);
  const counts = async () =>
    Promise.all(['ticket-template', 'routing-rule', 'sla-policy', 'approval-policy', 'settlement-tier', 'price-list', 'project-library'].map((t) => strapi().db.query(`plugin::scrm-tickets.${t}` as any).count({})));

  beforeAll(async () => {
    jwt = await adminToken();
  });

  it('reports every problem of a bad file with its JSON pointer, and changes nothing', async () => {
    const file: any = libraryFile();
    file.version = 'v1';                                                      // not semver
    file.templates[0].fieldDefinitions[0].type = 'colour';                    // a field type that does not exist
    delete file.slaPolicies[0].schedule;                                      // required
    file.routingRules[0].actions[1].policy = 'nowhere';                       // a reference to nothing
    file.settlementTiers[0].model.split = [{ party: 'platform', rate: '0.1' }, { party: 'engineer', fixedFen: -1 }]; // negative fen
    file.priceLists[0].discount = '0.9';                                      // not a setting
    const before = await counts();
    const res = await post('preview', { library: file });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((e: any) => e.pointer).sort()).toEqual(
      [
        '/version',
        '/slaPolicies/0/schedule',
        '/priceLists/0/discount',
        '/templates/0/fieldDefinitions/0/type',
        '/settlementTiers/0/model/split/1/fixedFen',
        '/routingRules/0/actions/1/policy',
      ].sort()
    );
    expect((await post('import', { library: file })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('previews, imports in one go, re-imports as a no-op, and a ticket can be created on its template', async () => {
    const file = libraryFile();
    const preview = await post('preview', { library: file });
    expect(preview.status).toBe(200);
    expect(preview.body.data.items.map((i: any) => `${i.section}:${i.action}`)).toEqual([
      'approvalPolicies:add', 'settlementTiers:add', 'priceLists:add', 'slaPolicies:add', 'templates:add', 'routingRules:add',
    ]);
    const imported = await post('import', { library: file });
    expect(imported.status).toBe(200);
    expect(imported.body.data).toMatchObject({ key: file.key, version: '1.0.0', added: 6, changed: 0, same: 0 });
    const template: any = await strapi().documents(TEMPLATE_UID as any).findFirst({ filters: { key: file.templates[0].key }, populate: { settlementTier: true } } as any);
    expect([template.name, template.nameEn, template.settlementTier.key]).toEqual(['空调清洗预约', 'AC cleaning', file.settlementTiers[0].key]);
    const ticket = await postTicket({ templateKey: template.key, title: '库模板工单', fields: { summary: '空调异味' } });
    expect(ticket.status).toBe(201);
    expect(ticket.body.data.resolutionDueAt).toBeTruthy();

    const rule: any = await strapi().db.query(RULE_UID as any).findOne({ where: { name: file.routingRules[0].name } });
    const before = [await counts(), rule.updatedAt];
    // YAML is read as well as JSON; the same version again writes nothing.
    const again = await post('import', { text: JSON.stringify(file) });
    expect(again.body.data).toMatchObject({ added: 0, changed: 0, same: 6 });
    expect([await counts(), (await strapi().db.query(RULE_UID as any).findOne({ where: { id: rule.id } })).updatedAt]).toEqual(before);
  });

  it('shows what a newer version changes, setting by setting, and applies only that', async () => {
    const file = libraryFile();
    await post('import', { library: file });
    const next = { ...file, version: '1.1.0', templates: [{ ...file.templates[0], keywords: ['空调', '清洗', '异味'] }] };
    const yaml = [`key: ${next.key}`, 'name: { zh-Hans: 家电售后测试库 }', 'industry: home_appliance', 'version: 1.1.0', `templates: ${JSON.stringify(next.templates)}`].join('\n');
    const preview = await post('preview', { text: yaml });
    expect(preview.status).toBe(200);
    expect(preview.body.data.items).toEqual([
      { section: 'templates', key: file.templates[0].key, action: 'change', changes: [{ field: 'keywords', before: ['空调', '清洗'], after: ['空调', '清洗', '异味'] }] },
    ]);
    expect((await post('import', { text: yaml })).body.data).toMatchObject({ changed: 1, same: 0 });
    const record: any = await strapi().db.query(LIBRARY_UID as any).findOne({ where: { key: file.key } });
    expect(record.version).toBe('1.1.0');
    expect((await post('import', { text: 'key: [unclosed' })).body.error.details.errors[0].pointer).toBe('');
  });

  it('keeps settings edited in the app since the last import, and reports a conflict when the library changed them too', async () => {
    const file = libraryFile();
    await post('import', { library: file });
    const templates = strapi().documents(TEMPLATE_UID as any);
    const template: any = await templates.findFirst({ filters: { key: file.templates[0].key } } as any);
    // A business edits the keywords and the default priority in the admin.
    await templates.update({ documentId: template.documentId, data: { keywords: ['空调', '深度清洗'], defaultPriority: 'high' } } as any);

    // The same version again: the edits stay (the library did not change those settings).
    expect((await post('import', { library: file })).body.data).toMatchObject({ changed: 0, conflicts: 0, same: 6 });
    // A new version changes the keywords (edited here too: a conflict) and the category (not edited: applied).
    const next = { ...file, version: '1.1.0', templates: [{ ...file.templates[0], keywords: ['空调', '清洗', '除菌'], category: 'internal' }] };
    const preview = (await post('preview', { library: next })).body.data.items.find((i: any) => i.section === 'templates');
    expect(preview).toEqual({
      section: 'templates', key: template.key, action: 'conflict',
      changes: [
        { field: 'category', before: 'aftersale', after: 'internal' },
        { field: 'keywords', before: ['空调', '深度清洗'], after: ['空调', '清洗', '除菌'], imported: ['空调', '清洗'], conflict: true },
      ],
    });
    expect((await post('import', { library: next })).body.data).toMatchObject({ conflicts: 1, overwritten: 0 });
    const kept: any = await templates.findOne({ documentId: template.documentId } as any);
    expect([kept.keywords, kept.category, kept.defaultPriority]).toEqual([['空调', '深度清洗'], 'internal', 'high']);
    // Told to overwrite, the file's value wins.
    const forced = { ...next, version: '1.2.0', templates: [{ ...next.templates[0], keywords: ['空调', '清洗', '除菌', '保养'] }] };
    expect((await post('import', { library: forced, overwrite: true })).body.data).toMatchObject({ conflicts: 1, overwritten: 1 });
    expect((await templates.findOne({ documentId: template.documentId } as any) as any).keywords).toEqual(['空调', '清洗', '除菌', '保养']);
  });

  it('carries a newer version to its templates and tells their open tickets, not the closed ones; a pinned template stays', async () => {
    const file = libraryFile();
    await post('import', { library: file });
    const templates = strapi().documents(TEMPLATE_UID as any);
    const template: any = await templates.findFirst({ filters: { key: file.templates[0].key } } as any);
    expect([template.libraryKey, template.libraryVersion, template.libraryPinned]).toEqual([file.key, '1.0.0', false]);
    const open = (await postTicket({ templateKey: template.key, title: '进行中', fields: { summary: 'x' } })).body.data;
    const closed = (await postTicket({ templateKey: template.key, title: '已关闭', fields: { summary: 'x' } })).body.data;
    await strapi().db.query(TICKET_UID as any).update({ where: { id: closed.id }, data: { state: 'closed', closedAt: new Date() } });

    const model = { key: 'model', label: { 'zh-Hans': '型号' }, type: 'text' };
    const v11 = { ...file, version: '1.1.0', templates: [{ ...file.templates[0], fieldDefinitions: [...file.templates[0].fieldDefinitions, model] }] };
    expect((await post('import', { library: v11 })).body.data).toMatchObject({ changed: 1, pinned: 0 });
    const updated = (id: number) => strapi().db.query(EVENT_UID as any).findMany({ where: { ticket: { id }, type: 'template_updated' } });
    const [event] = await updated(open.id);
    expect([event.visibility, event.changes]).toEqual([
      'internal',
      { library: { key: file.key, version: { before: '1.0.0', after: '1.1.0' } }, settings: ['fieldDefinitions'], fieldsAdded: ['model'] },
    ]);
    expect(await updated(closed.id)).toEqual([]);
    expect((await templates.findOne({ documentId: template.documentId } as any) as any).libraryVersion).toBe('1.1.0');

    // Pinned to 1.1.0, the template sits out 1.2.0.
    await templates.update({ documentId: template.documentId, data: { libraryPinned: true } } as any);
    const v12 = { ...v11, version: '1.2.0', templates: [{ ...v11.templates[0], fieldDefinitions: [...v11.templates[0].fieldDefinitions, { key: 'color', label: { 'zh-Hans': '颜色' }, type: 'text' }] }] };
    expect((await post('preview', { library: v12 })).body.data.items.find((i: any) => i.section === 'templates').action).toBe('pinned');
    expect((await post('import', { library: v12 })).body.data).toMatchObject({ changed: 0, pinned: 1 });
    const kept: any = await templates.findOne({ documentId: template.documentId } as any);
    expect([kept.fieldDefinitions.map((d: any) => d.key), kept.libraryVersion]).toEqual([['summary', 'model'], '1.1.0']);
    expect(await updated(open.id)).toHaveLength(1);
  });

  it('exports what it imported: the file imports again as the same configuration', async () => {
    const file = libraryFile();
    await post('import', { library: file });
    const res = await http()
      .post('/scrm-tickets/libraries/export')
      .set(bearer(jwt))
      .send({
        key: file.key, name: file.name, industry: file.industry, version: file.version,
        selection: {
          templates: [file.templates[0].key], slaPolicies: [file.slaPolicies[0].key], routingRules: [file.routingRules[0].name],
          approvalPolicies: [file.approvalPolicies[0].key], priceLists: [file.priceLists[0].key],
        },
      });
    expect(res.status).toBe(200);
    // The template's tier comes along; every setting of the file is there as it was.
    expect(res.body.data).toMatchObject(file);
    const plan = await post('preview', { library: res.body.data });
    expect(plan.body.data.items.every((i: any) => i.action === 'same')).toBe(true);
    const bad = await http().post('/scrm-tickets/libraries/export').set(bearer(jwt)).send({ ...file, selection: { templates: 5, rules: true } });
    expect([bad.status, bad.body.error.details.errors.map((e: any) => e.path.join('.'))]).toEqual([400, ['selection.templates', 'selection.rules']]);
  });

  it('ships five industry presets that import cleanly, take a ticket on every template, and import again as a no-op', async () => {
    const list = await http().get('/scrm-tickets/libraries/presets').set(bearer(jwt));
    expect(list.body.data.map((p: any) => p.industry).sort()).toEqual(['catering', 'clinic', 'education', 'home_appliance', 'retail']);
    for (const preset of list.body.data) {
      const imported = await post('import', { preset: preset.preset });
      expect([preset.preset, imported.status]).toEqual([preset.preset, 200]);
      expect(imported.body.data.added).toBeGreaterThanOrEqual(6);
      const file = YAML.parse(strapi().plugin('scrm-tickets').service('libraries').presetText(preset.preset));
      for (const template of file.templates) {
        const fields = Object.fromEntries(template.fieldDefinitions.filter((d: any) => d.required).map((d: any) => [d.key, sampleValue(d)]));
        const ticket = await postTicket({ templateKey: template.key, title: `${template.name['zh-Hans']}测试`, fields });
        expect([template.key, ticket.status, ticket.body.error?.details]).toEqual([template.key, 201, undefined]);
      }
      expect((await post('import', { preset: preset.preset })).body.data).toMatchObject({ added: 0, changed: 0, conflicts: 0 });
    }
    expect((await post('import', { preset: '../etc/passwd' })).status).toBe(400);
  });

  it('is for administrators holding library.manage', async () => {
    const agent = await adminWithRole('客服坐席');
    expect((await post('preview', { library: libraryFile() }, agent.jwt)).status).toBe(403);
    expect((await post('preview', {})).status).toBe(400);
  });
});
