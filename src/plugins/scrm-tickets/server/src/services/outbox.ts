import type { Core } from '@strapi/strapi';
import { AGENT_UID, MESSAGE_TEMPLATE_UID, NOTIFICATION_UID, PLUGIN_ID, TEAM_UID, TICKET_UID } from '../constants';
import { DEFAULT_NOTIFICATIONS, type NotificationsConfig, type PluginConfig } from '../config';
import { providersFor } from '../channels';
import { planNotifications, type Intent, type PlannedEvent, type Target } from '../notifications/plan';
import { DEFAULT_TEXTS, renderText, scopeOf, type Locale, type Text, type TextKey } from '../notifications/texts';
import { channelOrder, customerRecipient, staffRecipient, type StaffRow } from '../notifications/recipients';
import { sendableAt } from '../notifications/quiet-hours';
import { CHANNELS, type Channel, type Recipient } from '../notifications/types';
import { stateOf, workflowOf } from '../workflow/transitions';
import { createConfigCache } from '../utils/config-cache';
import { getService } from '../utils/get-service';
import { chunks, newDocumentId } from '../utils/bulk-rows';
import { insertRows } from '../utils/bulk-insert';
import { nextBusinessTime } from '../business-time';
import type { TicketRef } from './events';

/** Events that may notify; the rest (field edits, rule and SLA audit entries) cost nothing here. */
const NOTIFYING = new Set(['created', 'state_changed', 'assignment', 'field_changed', 'comment', 'approval', 'notification']);

const PRIORITY_LABELS: Record<Locale, Record<string, string>> = {
  'zh-Hans': { low: '低', normal: '普通', high: '高', urgent: '紧急' },
  en: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' },
};

const STAFF_FIELDS = ['id', 'firstname', 'lastname', 'email', 'preferedLanguage'];

/**
 * `yyyy-MM-dd HH:mm` in Asia/Shanghai: Swedish writes dates the ISO way. One formatter for every
 * message: luxon's zoned DateTime per value cost ten times as much, three times per message.
 */
const SHANGHAI_MINUTE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const notificationsConfig = (strapi: Core.Strapi): NotificationsConfig => ({
  ...DEFAULT_NOTIFICATIONS,
  ...((strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).notifications ?? {}),
});

const createOutboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  // Global overrides of the built-in texts, per text key and language.
  const overrides = createConfigCache(strapi, MESSAGE_TEMPLATE_UID, async () => {
    const rows: any[] = await strapi.db.query(MESSAGE_TEMPLATE_UID as any).findMany({ where: { enabled: true } });
    return new Map(rows.map((r) => [`${r.textKey}:${r.locale}`, { title: r.title, body: r.body } as Text]));
  });

  async function staffRows(where: Record<string, unknown>): Promise<Recipient[]> {
    const users: StaffRow[] = await strapi.db.query('admin::user').findMany({ where: { ...where, isActive: true }, select: STAFF_FIELDS, limit: 50 });
    if (users.length === 0) return [];
    const profiles: any[] = await strapi.db
      .query(AGENT_UID as any)
      .findMany({ where: { user: { id: { $in: users.map((u) => u.id) } } }, select: ['wecomUserId'], populate: { user: { select: ['id'] } } });
    const wecomOf = new Map(profiles.map((p) => [p.user?.id, p.wecomUserId]));
    return users.map((u) => staffRecipient({ ...u, wecomUserId: wecomOf.get(u.id) ?? null }));
  }

  async function resolve(target: Target, ticket: any, config: NotificationsConfig, staffOf: (where: Record<string, unknown>) => Promise<Recipient[]>): Promise<Recipient[]> {
    switch (target.kind) {
      case 'customer': {
        if (!ticket.customer) return [];
        const [sender] = ticket.assignee ? await staffOf({ id: ticket.assignee.id }) : [];
        // The row keeps the mobile sealed as the customer's own is; the dispatcher opens it to send.
        const mobile = getService('pii', { strapi }).sealMobile(ticket.customer.mobile);
        return [customerRecipient({ ...ticket.customer, mobile }, sender?.wecomUserId ?? null)];
      }
      case 'assignee':
        return ticket.assignee ? staffOf({ id: ticket.assignee.id }) : [];
      case 'user':
        return staffOf(target.id !== undefined ? { id: target.id } : { documentId: target.documentId });
      case 'team_lead': {
        const key = target.team ?? ticket.team;
        if (!key) return [];
        const team: any = await strapi.db.query(TEAM_UID as any).findOne({ where: { key }, populate: { lead: { select: ['id'] } } });
        return team?.lead ? staffOf({ id: team.lead.id }) : [];
      }
      case 'roles':
        return staffOf({ roles: { $or: [{ code: { $in: target.roles } }, { name: { $in: target.roles } }] } });
      case 'regional_manager':
        return staffOf({ roles: { $or: [{ code: { $in: config.regionalManagerRoles } }, { name: { $in: config.regionalManagerRoles } }] } });
    }
  }

  async function textFor(key: TextKey, locale: Locale, template: any): Promise<Text> {
    const own = template?.notificationTexts?.[key]?.[locale];
    if (own && typeof own.title === 'string' && typeof own.body === 'string') return own;
    return (await overrides.get()).get(`${key}:${locale}`) ?? DEFAULT_TEXTS[key][locale];
  }

  function variables(ticket: any, intent: Intent, recipient: Recipient, actorName: string, config: NotificationsConfig) {
    const locale = recipient.locale;
    const workflow = workflowOf(ticket.template);
    const shanghai = (value: unknown) => {
      const at = value ? new Date(value as string) : null;
      return at && !Number.isNaN(at.getTime()) ? SHANGHAI_MINUTE.format(at) : '';
    };
    const url =
      recipient.kind === 'staff'
        ? `${config.publicUrl}/admin/content-manager/collection-types/${TICKET_UID}/${ticket.documentId}`
        : `${config.publicUrl}/h5/#/tickets/${ticket.documentId}`; // public/h5's hash route
    const vars: Record<string, string> = {
      'ticket.number': ticket.number ?? '',
      'ticket.title': ticket.title ?? '',
      'ticket.status': ticket.state ?? '',
      'ticket.statusLabel': stateOf(workflow, ticket.state)?.label?.[locale] ?? ticket.state ?? '',
      'ticket.priority': ticket.priority ?? '',
      'ticket.priorityLabel': PRIORITY_LABELS[locale][ticket.priority] ?? ticket.priority ?? '',
      'ticket.template': ticket.template?.name ?? '',
      'ticket.source': ticket.source ?? '',
      'ticket.url': url,
      'ticket.createdAt': shanghai(ticket.createdAt),
      'ticket.firstResponseDueAt': shanghai(ticket.firstResponseDueAt),
      'ticket.resolutionDueAt': shanghai(ticket.resolutionDueAt),
      'customer.name': ticket.customer?.name ?? '',
      'assignee.name': ticket.assignee ? [ticket.assignee.firstname, ticket.assignee.lastname].filter(Boolean).join(' ') : '',
      'actor.name': actorName,
      'team.name': ticket.team ?? '',
    };
    for (const [k, v] of Object.entries(intent.vars ?? {})) vars[k] = k.endsWith('dueAt') ? shanghai(v) : (v ?? '');
    return vars;
  }

  /**
   * Urgent: now. Otherwise after the quiet hours (`afterQuiet`: when `now` leaves them, computed
   * once per call), and for escalations within business hours.
   */
  async function dueFor(intent: Intent, ticket: any, now: number, afterQuiet: number) {
    if (intent.urgent) return now;
    let due = afterQuiet;
    if (intent.duringBusinessHours && ticket.slaPolicyKey) {
      const policy = await getService('sla', { strapi }).policyByKey(ticket.slaPolicyKey);
      if (policy) due = Math.max(due, nextBusinessTime(new Date(now), policy.schedule).getTime());
    }
    return due;
  }

  return {
    /**
     * Writes the outbox rows an event asks for, in the caller's transaction: the message exists
     * exactly when the change does. Nothing is sent here; the dispatcher delivers after commit.
     */
    async fromEvent(ref: TicketRef, event: PlannedEvent & { id: number }) {
      return this.fromEvents([{ ticket: ref, event }]);
    },

    /**
     * The rows many events ask for (a batch intake files a thousand `created` events at once):
     * their tickets read in one query per chunk and the rows inserted together, rather than a read
     * and an insert per event; what each row holds is what `fromEvent` writes for its event alone.
     */
    async fromEvents(list: { ticket: TicketRef; event: PlannedEvent & { id: number } }[]) {
      const notifying = list.filter(({ event }) => NOTIFYING.has(event.type));
      if (notifying.length === 0) return 0;
      const config = notificationsConfig(strapi);
      const providers = providersFor(config, getService('wecom-api', { strapi }).tokens());
      // No channel configured (the embedded demo, a fresh install): no row could reach anyone, so
      // the tickets are not even read — this runs on every ticket write.
      if (providers.size === 0) return 0;
      const tickets = new Map<number, any>();
      for (const part of chunks([...new Set(notifying.map(({ ticket }) => ticket.id))])) {
        const rows: any[] = await strapi.db.query(TICKET_UID as any).findMany({
          where: { id: { $in: part } },
          select: ['id', 'documentId', 'number', 'title', 'state', 'priority', 'source', 'team', 'approval', 'slaPolicyKey', 'createdAt', 'firstResponseDueAt', 'resolutionDueAt'],
          populate: {
            customer: true,
            assignee: { select: STAFF_FIELDS },
            template: { select: ['key', 'name', 'workflow', 'notificationTexts'] },
          },
        });
        for (const row of rows) tickets.set(row.id, row);
      }

      const now = Date.now();
      // One answer for every row of this call (a batch asks a thousand times with the same `now`).
      const afterQuiet = sendableAt(now, config.quietHours ? { ...config.quietHours, timezone: 'Asia/Shanghai' } : null);
      // The same staff are asked for again and again in a batch (one assignee, one team lead).
      const staff = new Map<string, Promise<Recipient[]>>();
      const staffOnce = (where: Record<string, unknown>) => {
        const key = JSON.stringify(where);
        if (!staff.has(key)) staff.set(key, staffRows(where));
        return staff.get(key)!;
      };
      const rows: Record<string, unknown>[] = [];
      for (const { ticket: ref, event } of notifying) {
        const ticket = tickets.get(ref.id);
        if (!ticket) continue;
        const intents = planNotifications(event, {
          hasCustomer: Boolean(ticket.customer),
          assigneeId: ticket.assignee?.id ?? null,
          state: ticket.state,
          approval: ticket.approval,
          source: ticket.source,
        });
        const actor = event.actor ?? {};
        for (const intent of intents) {
          const dueAt = await dueFor(intent, ticket, now, afterQuiet);
          for (const recipient of await resolve(intent.target, ticket, config, staffOnce)) {
            // Nobody is told of what they did themselves.
            if (recipient.kind === 'staff' && actor.kind === 'admin' && Number(actor.id) === recipient.id) continue;
            const order =
              recipient.kind === 'customer'
                ? channelOrder(ticket.customer?.notifyChannels, config.customerChannels, CHANNELS)
                : config.staffChannels;
            const channels = order.filter((c) => providers.get(c)?.reaches(recipient));
            if (channels.length === 0) {
              strapi.log.debug(`scrm-tickets: ${intent.text} for ${recipient.kind} #${recipient.id}: no configured channel reaches them`);
              continue;
            }
            const vars = variables(ticket, intent, recipient, actor.name ?? '', config);
            const text = renderText(await textFor(intent.text, recipient.locale, ticket.template), scopeOf(vars as any));
            rows.push({
              // Made here rather than by Strapi's default (cuid2 hashes each id with SHA-3).
              documentId: newDocumentId(),
              ticketId: ticket.id,
              ticketNumber: ticket.number,
              eventId: event.id,
              textKey: intent.text,
              audience: recipient.kind,
              recipient,
              channels,
              channelIndex: 0,
              channel: channels[0] as Channel,
              title: text.title.slice(0, 255),
              body: text.body,
              url: vars['ticket.url'],
              vars,
              urgent: intent.urgent,
              status: 'pending',
              attempts: 0,
              channelAttempts: 0,
              dueAt,
              log: [],
            });
          }
        }
      }
      if (rows.length === 0) return 0;
      await insertRows(strapi, NOTIFICATION_UID, rows);
      // Delivered as soon as the change commits (the poller would find them a moment later).
      await strapi.db.transaction(async ({ onCommit }) => onCommit(() => getService('notify-dispatcher', { strapi }).kick()));
      return rows.length;
    },

    invalidateTexts: () => overrides.invalidate(),
  };
};

export type OutboxService = ReturnType<typeof createOutboxService>;
export default createOutboxService;
