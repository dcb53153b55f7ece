// Customers on WeChat: a 微信客服 reply while its window is open (48 h after the customer's last
// message), otherwise a 客户联系 message task sent in the name of their member (wecom.md §4.2–4.4).
import type { ChannelProvider, Delivery, Recipient } from '../../notifications/types';
import { DeliveryError } from '../../notifications/types';
import type { WecomClient } from './api-client';

export function wecomCustomerMessage(client: WecomClient, now: () => number = Date.now) {
  const kfOpen = (r: Recipient) => Boolean(r.openKfId && r.externalUserId && (r.kfWindowUntil ?? 0) > now());
  return {
    reaches: (r: Recipient) => r.kind === 'customer' && Boolean(r.externalUserId) && (kfOpen(r) || Boolean(r.senderUserId)),
    async send({ key, recipient, message }: Delivery) {
      const text = [message.title, message.body, message.url].filter(Boolean).join('\n');
      if (kfOpen(recipient)) {
        // The custom msgid (≤ 32 B, unique per kf account) makes a repeated send a duplicate WeCom refuses.
        const answer = await client.post('/cgi-bin/kf/send_msg', {
          touser: recipient.externalUserId,
          open_kfid: recipient.openKfId,
          msgid: key,
          msgtype: 'text',
          text: { content: text },
        });
        return { providerMessageId: answer.msgid ?? key };
      }
      if (!recipient.externalUserId || !recipient.senderUserId) {
        throw new DeliveryError('permanent', 'customer has no WeCom contact with a member who can send');
      }
      const answer = await client.post('/cgi-bin/externalcontact/add_msg_template', {
        chat_type: 'single',
        external_userid: [recipient.externalUserId],
        sender: recipient.senderUserId,
        allow_select: false,
        text: { content: text },
      });
      if (Array.isArray(answer.fail_list) && answer.fail_list.includes(recipient.externalUserId)) {
        throw new DeliveryError('permanent', `WeCom: customer ${recipient.externalUserId} cannot be reached`, 'fail_list');
      }
      return { providerMessageId: answer.msgid ?? null };
    },
  } satisfies Omit<ChannelProvider, 'channel'>;
}
