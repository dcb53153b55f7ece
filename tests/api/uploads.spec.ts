import { apiToken, bearer, http } from '../helpers/fixtures';

// Attachments are checked by what they are, not what they claim: an SVG, an HTML page or a script
// is refused whatever its name; a file over the size limit is refused while being read. (A program
// named photo.png is caught by its content: tests/served/uploads.test.ts, outside jest's VM.)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('uploads restricted by type and size', () => {
  const upload = async (name: string, contentType: string, content: Buffer) =>
    http()
      .post('/api/upload')
      .set(bearer(await apiToken()))
      .attach('files', content, { filename: name, contentType });

  it('takes a photo and refuses SVG, HTML and scripts', async () => {
    expect((await upload('photo.png', 'image/png', PNG)).status).toBe(201);
    for (const [name, type, content] of [
      ['logo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['page.html', 'text/html', Buffer.from('<!doctype html><script>alert(1)</script>')],
      ['run.sh', 'application/x-sh', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ] as const) {
      const res = await upload(name, type, content);
      expect([name, res.status]).toEqual([name, 400]);
    }
  });

  it('refuses a file over the size limit', async () => {
    const res = await upload('big.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(21 * 1024 * 1024)]));
    expect([413, 400]).toContain(res.status);
  });
});
