import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A programmed answer: HTTP status and JSON body, or a hang (the caller's timeout fires). */
export type Scripted = { status?: number; body?: unknown; hang?: boolean };

/** A JSON HTTP server on 127.0.0.1 whose routes may be told to fail next. */
export async function startJsonServer(handle: (path: string, body: any, req: http.IncomingMessage) => Scripted | Promise<Scripted>) {
  const scripts = new Map<string, Scripted[]>();
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0];
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const queued = scripts.get(path)?.shift();
    const answer = queued ?? (await handle(path, body, req));
    if (answer.hang) return; // never answers
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body ?? {}));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** The next answers of `path`, in order, before the normal handler answers again. */
    script(path: string, ...answers: Scripted[]) {
      scripts.set(path, [...(scripts.get(path) ?? []), ...answers]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
