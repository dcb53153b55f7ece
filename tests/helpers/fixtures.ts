import request from 'supertest';
import { strapi } from './strapi';

export const TICKET_UID = 'plugin::scrm-tickets.ticket';
export const TEMPLATE_UID = 'plugin::scrm-tickets.ticket-template';
export const EVENT_UID = 'plugin::scrm-tickets.ticket-event';

export const http = () => request(strapi().server.httpServer);

let tokenCache: string | null = null;
/** A full-access API token, as an integration would hold. */
export async function apiToken(): Promise<string> {
  if (tokenCache) return tokenCache;
  const token = await strapi()
    .service('admin::api-token')
    .create({ name: `tests-${Date.now()}`, type: 'full-access', lifespan: null, description: '' } as any);
  tokenCache = (token as any).accessKey;
  return tokenCache!;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let counter = 0;
export const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${++counter}`;

/** Every field type once: the template the field-type tests write against. */
export const ALL_TYPES_FIELDS = [
  { key: 'summary', label: { 'zh-Hans': '概述', en: 'Summary' }, type: 'text', required: true, max: 50 },
  { key: 'detail', label: { 'zh-Hans': '详情' }, type: 'textarea' },
  { key: 'quantity', label: { 'zh-Hans': '数量' }, type: 'number', min: 1, max: 99 },
  { key: 'claimFen', label: { 'zh-Hans': '索赔金额' }, type: 'money', max: 5000000 },
  { key: 'purchaseDate', label: { 'zh-Hans': '购买日期' }, type: 'date' },
  { key: 'visitAt', label: { 'zh-Hans': '上门时间' }, type: 'datetime' },
  {
    key: 'channel',
    label: { 'zh-Hans': '购买渠道' },
    type: 'select',
    default: 'store',
    options: [
      { value: 'store', label: { 'zh-Hans': '门店' } },
      { value: 'tmall', label: { 'zh-Hans': '天猫' } },
    ],
  },
  {
    key: 'symptoms',
    label: { 'zh-Hans': '故障现象' },
    type: 'multiselect',
    options: [
      { value: 'noise', label: { 'zh-Hans': '噪音' } },
      { value: 'leak', label: { 'zh-Hans': '漏水' } },
      { value: 'power', label: { 'zh-Hans': '不通电' } },
    ],
  },
  { key: 'underWarranty', label: { 'zh-Hans': '在保' }, type: 'boolean' },
  { key: 'contactMobile', label: { 'zh-Hans': '联系电话' }, type: 'mobile' },
  { key: 'contactEmail', label: { 'zh-Hans': '邮箱' }, type: 'email' },
  { key: 'photos', label: { 'zh-Hans': '照片' }, type: 'media', multiple: true, max: 9 },
  { key: 'store', label: { 'zh-Hans': '门店' }, type: 'region' },
  { key: 'site', label: { 'zh-Hans': '位置' }, type: 'location' },
  {
    key: 'leakVolume',
    label: { 'zh-Hans': '漏水量' },
    type: 'select',
    required: true,
    options: [
      { value: 'drip', label: { 'zh-Hans': '滴漏' } },
      { value: 'flow', label: { 'zh-Hans': '流水' } },
    ],
    visibleWhen: { field: 'symptoms', in: ['leak'] },
  },
];

export async function createTemplate(overrides: Record<string, unknown> = {}) {
  return strapi()
    .documents(TEMPLATE_UID as any)
    .create({
      data: {
        key: unique('tpl').toLowerCase(),
        name: '设备报修',
        category: 'aftersale',
        fieldDefinitions: ALL_TYPES_FIELDS,
        ...overrides,
      } as any,
    }) as Promise<any>;
}

/** POST /tickets through the REST API with a full-access token. */
export async function postTicket(data: Record<string, unknown>, headers: Record<string, string> = {}) {
  return http()
    .post('/api/scrm-tickets/tickets')
    .set(bearer(await apiToken()))
    .set(headers)
    .send({ data });
}

export async function eventsOf(documentId: string) {
  return strapi()
    .documents(EVENT_UID as any)
    .findMany({ filters: { ticket: { documentId } }, sort: [{ id: 'asc' }] } as any) as Promise<any[]>;
}

/** A customer with a users-permissions login; returns its JWT and customer documentId. */
export async function createCustomerLogin(name: string) {
  const s = strapi();
  const role = await s.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const username = unique('cust');
  const user = await s.plugin('users-permissions').service('user').add({
    username,
    email: `${username}@example.test`,
    password: 'Secret123!',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  });
  const customer: any = await s.documents('api::customer.customer' as any).create({
    data: { name, mobile: '13800138000', user: user.id } as any,
  });
  const jwt = s.plugin('users-permissions').service('jwt').issue({ id: user.id });
  return { jwt, customerId: customer.documentId as string, userId: user.id as number };
}

let grantedAuthenticated = false;
/** What a customer may do: create and read their own tickets, read templates. */
export async function grantCustomerRole() {
  if (grantedAuthenticated) return;
  const s = strapi();
  const role = await s.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const actions = [
    'plugin::scrm-tickets.ticket.find',
    'plugin::scrm-tickets.ticket.findOne',
    'plugin::scrm-tickets.ticket.create',
    'plugin::scrm-tickets.ticket.events',
    'plugin::scrm-tickets.ticket.comment',
    'plugin::scrm-tickets.ticket.transition',
    'plugin::scrm-tickets.ticket.transitions',
    'plugin::scrm-tickets.ticket-template.find',
    'plugin::scrm-tickets.ticket-template.findOne',
    'plugin::scrm-tickets.quote.create',
  ];
  for (const action of actions) {
    await s.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  grantedAuthenticated = true;
}

/** Logs an admin in through the admin API and answers the JWT. */
async function adminLogin(email: string, password: string): Promise<string> {
  const res = await http().post('/admin/login').send({ email, password });
  const jwt = res.body.data?.token ?? res.body.data?.accessToken;
  if (!jwt) throw new Error(`admin login failed: ${JSON.stringify(res.body)}`);
  return jwt;
}

/**
 * An admin holding one role of the given name (created with the given plugin/admin actions if
 * new): a store manager, an agent. Answers the JWT and the admin user's id.
 */
export async function adminWithRole(roleName: string, actions: string[] = []) {
  const s = strapi();
  let role: any = await s.db.query('admin::role').findOne({ where: { name: roleName } });
  role ??= await s.service('admin::role').create({ name: roleName, description: roleName });
  // A role another spec (or the seed) made keeps its permissions as they are and gains these
  // actions (assignPermissions replaces the whole set).
  const held: any[] = await s.db.query('admin::permission').findMany({ where: { role: role.id } });
  const missing = actions.filter((action) => !held.some((p) => p.action === action));
  if (missing.length) {
    const keep = held.map((p) => ({ action: p.action, subject: p.subject ?? null, conditions: p.conditions ?? [], properties: p.properties ?? {} }));
    await s.service('admin::role').assignPermissions(role.id, [...keep, ...missing.map((action) => ({ action, subject: null, conditions: [], properties: {} }))]);
  }
  const email = `${unique('staff')}@scrm.local`.toLowerCase();
  const user: any = await s.service('admin::user').create({
    email,
    firstname: roleName,
    password: 'Admin12345!',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return { jwt: await adminLogin(email, 'Admin12345!'), id: user.id as number, role };
}

let adminJwt: string | null = null;
/** A super admin's JWT for the admin API (the Content Manager's own routes). */
export async function adminToken(): Promise<string> {
  if (adminJwt) return adminJwt;
  const s = strapi();
  const superAdminRole = await s.service('admin::role').getSuperAdmin();
  const email = `admin-${Date.now()}@scrm.local`;
  await s.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: 'Admin',
    password: 'Admin12345!',
    isActive: true,
    registrationToken: null,
    roles: [superAdminRole.id],
  });
  adminJwt = await adminLogin(email, 'Admin12345!');
  return adminJwt;
}

/** A 24×7 SLA policy for one template's tickets: first response within 1 minute, warned at 50 %. */
export async function oneMinuteSla(template: { key: string }, keyPrefix: string, name: string) {
  return strapi()
    .documents('plugin::scrm-tickets.sla-policy' as any)
    .create({
      data: {
        key: `${keyPrefix}_${template.key}`, name, schedule: { hours: 'always' }, firstResponseMinutes: 1, warnAtPercent: 50,
        conditions: { all: [{ fact: 'template', operator: 'equal', value: template.key }] },
      } as any,
    });
}

/** Drafts a month's settlement through the admin route and follows the run until it ends. */
export async function settle(jwt: string, period: string): Promise<any> {
  const started = await http().post('/scrm-tickets/settlement/drafts').set(bearer(jwt)).send({ period });
  if (started.status !== 202) throw new Error(`settlement run not started: ${started.status} ${JSON.stringify(started.body)}`);
  for (let i = 0; i < 600; i += 1) {
    const res = await http().get(`/scrm-tickets/settlement/runs/${started.body.data.id}`).set(bearer(jwt));
    if (res.body.data.status === 'done' || res.body.data.status === 'failed') return res.body.data;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('settlement run did not end within a minute');
}
