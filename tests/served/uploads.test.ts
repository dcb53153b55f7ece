import { callApp, registerAdmin, startApp, type AppServer } from '../browser/server';

// Attachments checked by their content, as `strapi start` serves uploads: a photo goes through, a
// program dressed as photo.png does not (the upload plugin reads its first bytes: an MZ header is
// a Windows program whatever its name and declared type).
const ADMIN = { email: 'uploads-admin@test.local', password: 'Uploads2026!', firstname: '上传', lastname: '检查' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PROGRAM = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x40, 0, 0, 0]), Buffer.from('PE\0\0'), Buffer.alloc(300)]);

describe('uploads checked by their content (strapi start)', () => {
  let app: AppServer;
  let token: string;
  const upload = (name: string, type: string, content: Buffer) => {
    const form = new FormData();
    form.append('files', new Blob([content], { type }), name);
    return fetch(`${app.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  };

  beforeAll(async () => {
    app = await startApp(4700 + (process.pid % 300));
    const jwt = (await registerAdmin(app, ADMIN)).jwt;
    token = (await callApp(app, 'POST', '/admin/api-tokens', jwt, { name: 'uploads', type: 'full-access', lifespan: null })).data.accessKey;
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('takes a photo and refuses a program named photo.png', async () => {
    const photo = await upload('photo.png', 'image/png', PNG);
    expect([photo.status, (await photo.json())[0].mime]).toEqual([201, 'image/png']);
    const disguised = await upload('photo.png', 'image/png', PROGRAM);
    expect(disguised.status).toBe(400);
    expect(JSON.stringify(await disguised.json())).toMatch(/not allowed/i);
  });
});
