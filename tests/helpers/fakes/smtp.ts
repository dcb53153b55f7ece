import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface Mail {
  to: string[];
  raw: string;
  messageId: string | null;
  subject: string | null;
}

/** How slow the server is: before its greeting, and before its answer to a whole message. */
export interface Slowness {
  greetingMs?: number;
  dataMs?: number;
}

/**
 * An SMTP server on 127.0.0.1 (smtp-server) keeping every mail, able to refuse recipients and to
 * be slow. A mail counts as taken when the server answers 250 to it on a connection that is still
 * open (RFC 5321: the 250 is where the server takes responsibility); a whole message whose client
 * went away before that answer is `abandoned`, as a real server drops an unfinished transaction.
 * `beforeAccept` runs just before a 250 is written (a test can freeze the client there).
 */
export async function startSmtpFake() {
  const mails: Mail[] = [];
  const abandoned: Mail[] = [];
  const refused = new Set<string>();
  const open = new Set<string>();
  let slowness: Required<Slowness> = { greetingMs: 0, dataMs: 0 };
  let beforeAccept: ((mail: Mail) => void | Promise<void>) | null = null;
  let answering = 0;
  const pause = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onConnect(session, callback) {
      open.add(session.id);
      // smtp-server sends its 220 greeting once this answers.
      void pause(slowness.greetingMs).then(() => callback());
    },
    onClose(session) {
      open.delete(session.id);
    },
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
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => raw.match(new RegExp(`^${name}:\\s*(.*)$`, 'mi'))?.[1]?.trim() ?? null;
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), raw, messageId: header('Message-ID'), subject: header('Subject') };
        answering += 1;
        try {
          await pause(slowness.dataMs);
          if (!open.has(session.id)) {
            abandoned.push(mail);
            return callback(new Error('the client left before the answer'));
          }
          await beforeAccept?.(mail);
          mails.push(mail);
          callback();
        } finally {
          answering -= 1;
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as any).server.address() as AddressInfo;
  return {
    port,
    mails,
    abandoned,
    refuse: (address: string) => refused.add(address),
    accept: (address: string) => refused.delete(address),
    slow: (next: Slowness) => {
      slowness = { greetingMs: next.greetingMs ?? 0, dataMs: next.dataMs ?? 0 };
    },
    /** Whole messages waiting for the server's answer right now. */
    answering: () => answering,
    onAccept: (hook: ((mail: Mail) => void | Promise<void>) | null) => {
      beforeAccept = hook;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpFake = Awaited<ReturnType<typeof startSmtpFake>>;
