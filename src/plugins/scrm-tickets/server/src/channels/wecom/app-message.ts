// Staff are told through the self-built app: a textcard that opens the ticket (wecom.md §4.1).
import type { ChannelProvider, Delivery, Recipient } from '../../notifications/types';
import { DeliveryError } from '../../notifications/types';
import type { WecomClient } from './api-client';

/** WeCom's byte limits of a textcard (title 128 B, description 512 B). */
const truncateBytes = (text: string, max: number) => {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  // Cut on a character boundary and mark the cut.
  let cut = Buffer.from(bytes.subarray(0, max - 3)).toString('utf8').replace(/\uFFFD+$/, '');
  while (Buffer.byteLength(cut + '…') > max) cut = cut.slice(0, -1);
  return `${cut}…`;
};

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function wecomStaffMessage(client: WecomClient) {
  return {
    reaches: (r: Recipient) => r.kind === 'staff' && Boolean(r.wecomUserId),
    async send({ recipient, message }: Delivery) {
      if (!recipient.wecomUserId) throw new DeliveryError('permanent', 'staff member has no WeCom userid');
      const description = message.body.split('\n').map((line) => `<div class="normal">${escapeHtml(line)}</div>`).join('');
      const answer = await client.post('/cgi-bin/message/send', {
        touser: recipient.wecomUserId,
        msgtype: 'textcard',
        agentid: client.agentId,
        textcard: {
          title: truncateBytes(message.title, 128),
          description: truncateBytes(description, 512),
          url: message.url ?? '',
          btntxt: '详情',
        },
        // WeCom drops an identical message to the same member within the interval: a send
        // repeated after a crash between WeCom's answer and our bookkeeping is not delivered twice.
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      });
      // Sent to nobody: the userid is not (or no longer) a member the app can reach.
      if (answer.invaliduser && String(answer.invaliduser).toLowerCase() === recipient.wecomUserId.toLowerCase()) {
        throw new DeliveryError('permanent', `WeCom: invalid user ${recipient.wecomUserId}`, 'invaliduser');
      }
      return { providerMessageId: answer.msgid ?? null };
    },
  } satisfies Omit<ChannelProvider, 'channel'>;
}
