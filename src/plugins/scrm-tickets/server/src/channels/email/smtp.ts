// Email through Strapi's nodemailer provider (@strapi/provider-email-nodemailer), initialised
// with the plugin's own options so notifications can use another SMTP server than the admin's
// password mails. SMTP 5xx is permanent (no such mailbox), 4xx and connection trouble transient.
import nodemailerProvider from '@strapi/provider-email-nodemailer';
import type { ChannelProvider, Delivery } from '../../notifications/types';
import { DeliveryError } from '../../notifications/types';

export interface EmailConfig {
  providerOptions: Record<string, unknown>;
  settings: { defaultFrom: string; defaultReplyTo?: string };
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function createEmailProvider(config: EmailConfig): ChannelProvider {
  const provider = (nodemailerProvider as any).init(
    { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10_000, ...config.providerOptions },
    config.settings
  );
  return {
    channel: 'email',
    reaches: (r) => Boolean(r.email),
    async send({ key, recipient, message }: Delivery) {
      const link = message.url ? `\n\n${message.url}` : '';
      const html =
        message.body.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
        (message.url ? `<p><a href="${escapeHtml(message.url)}">${escapeHtml(message.url)}</a></p>` : '');
      try {
        const info = await provider.send({
          to: recipient.email,
          subject: message.title,
          text: `${message.body}${link}`,
          html,
          // One Message-ID per outbox row: a resend after a crash is recognisably the same mail.
          headers: { 'Message-ID': `<${key}@scrm-tickets>` },
        });
        return { providerMessageId: info?.messageId ?? `<${key}@scrm-tickets>` };
      } catch (error: any) {
        const code = Number(error?.responseCode);
        const kind = code >= 500 && code < 600 ? 'permanent' : 'transient';
        throw new DeliveryError(kind, `SMTP: ${error?.message ?? error}`, error?.responseCode ?? error?.code);
      }
    },
  };
}
