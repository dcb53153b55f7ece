import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** An SMTP server on 127.0.0.1 (smtp-server) keeping every mail, able to refuse recipients. */
export async function startSmtpFake() {
  const mails: { to: string[]; raw: string; messageId: string | null; subject: string | null }[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) {
        const error: any = new Error('550 5.1.1 mailbox unavailable');
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => raw.match(new RegExp(`^${name}:\\s*(.*)$`, 'mi'))?.[1]?.trim() ?? null;
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, messageId: header('Message-ID'), subject: header('Subject') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as any).server.address() as AddressInfo;
  return {
    port,
    mails,
    refuse: (address: string) => refused.add(address),
    accept: (address: string) => refused.delete(address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
