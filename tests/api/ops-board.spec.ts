import Bull from 'bull';
import { adminToken, adminWithRole, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const board = () => strapi().plugin('scrm-tickets').service('ops-board').get();

describe('queues ops view (@bull-board/koa at /admin/queues)', () => {
  let queue: Bull.Queue;
  beforeAll(async () => {
    queue = new Bull(unique('scrm-board-test'), 'redis://127.0.0.1:6379');
    await queue.add({ id: 1 }, { jobId: 'n1@1', delay: 60_000 });
    board().show([queue]);
  });
  afterAll(async () => {
    board().hide([queue]);
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('refuses anyone not logged in to the admin, and admins without the queues action', async () => {
    const anonymous = await http().get('/admin/queues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatchObject({ status: 401, name: 'UnauthorizedError' });
    expect((await http().get('/admin/queues/api/queues').set({ Authorization: 'Bearer forged.token.value' })).status).toBe(401);
    const clerk = await adminWithRole('客服坐席');
    const denied = await http().get('/admin/queues/api/queues').set({ Authorization: `Bearer ${clerk.jwt}` });
    expect(denied.status).toBe(403);
  });

  it('shows the queues and their jobs to an admin, by the admin panel’s cookie or a bearer token', async () => {
    const jwt = await adminToken();
    const page = await http().get('/admin/queues').set({ Cookie: `jwtToken=${jwt}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('scrm-tickets queues');
    const api = await http().get('/admin/queues/api/queues').query({ activeQueue: queue.name, status: 'delayed' }).set({ Authorization: `Bearer ${jwt}` });
    expect(api.status).toBe(200);
    const listed = api.body.queues.find((q: any) => q.name === queue.name);
    expect(listed.counts.delayed).toBe(1);
    const ops = await adminWithRole('运维', ['plugin::scrm-tickets.queues.read']);
    // A browser whose admin login ticked "remember me" holds only the refresh cookie.
    const { email } = await strapi().db.query('admin::user').findOne({ where: { id: ops.id } });
    const login = await http().post('/admin/login').send({ email, password: 'Admin12345!', rememberMe: true });
    const refresh = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('strapi_admin_refresh='))!.split(';')[0];
    expect((await http().get('/admin/queues').set({ Cookie: refresh })).status).toBe(200);
    expect((await http().get('/admin/queues').set({ Cookie: 'strapi_admin_refresh=forged' })).status).toBe(401);
    expect((await http().get('/admin/queues/api/queues').set({ Authorization: `Bearer ${ops.jwt}` })).status).toBe(200);
  });
});
