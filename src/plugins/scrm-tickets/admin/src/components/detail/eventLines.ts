import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { localize } from '../tickets/types';
import { useShanghaiTime } from '../tickets/useShanghaiTime';
import { useT } from '../tickets/useT';
import { isEmpty, useFieldFormat } from './fieldValues';
import { useLabel, useStateName } from './labels';
import type { Detail, TicketEvent } from './types';

/** Audited relations are recorded by documentId, which means nothing to a reader: only that they changed. */
const RELATIONS = ['customer', 'order', 'opportunity', 'region', 'assignee'];

type Change = { before: unknown; after: unknown };

/**
 * The readable lines of a timeline event, by type (a comment's body is shown by the timeline
 * itself). Field changes read "label: before → after", with the template's labels and formats.
 */
export const useEventLines = ({ ticket, template, candidates }: Detail) => {
  const t = useT();
  const { locale } = useIntl();
  const label = useLabel();
  const format = useFieldFormat();
  const time = useShanghaiTime();
  const stateName = useStateName(template);

  return useCallback(
    (event: TicketEvent): string[] => {
      // Automatic assignment names the agent by admin user id.
      const userName = (id: unknown) =>
        candidates.find((c) => c.userId === id)?.name ?? (ticket.assignee && ticket.assignee.id === id ? ticket.assignee.name : `#${id}`);
      const itemLabel = (key: unknown) => {
        const item = template?.states.flatMap((s) => s.checklist).find((i) => i.key === key);
        return item ? localize(item.label, locale) : String(key);
      };
      const valueOf = (key: string): ((v: unknown) => string) => {
        if (key.startsWith('fields.')) return (v) => format(template?.fieldDefinitions.find((d) => `fields.${d.key}` === key), v);
        if (key === 'priority') return (v) => (isEmpty(v) ? '—' : t(`tickets.priority.${v}`));
        if (key === 'amountFen' || key === 'compensationFen') return (v) => format({ type: 'money' }, v);
        if (key === 'reportedAt') return (v) => format({ type: 'datetime' }, v);
        if (key === 'checklist') return (v) => format(undefined, Object.values((v as Record<string, string[]> | null) ?? {}).flat().map(itemLabel));
        return (v) => format(undefined, v);
      };
      const nameOf = (key: string) => {
        const def = template?.fieldDefinitions.find((d) => `fields.${d.key}` === key);
        return def ? localize(def.label, locale) : label(`detail.attr.${key}`, key.replace(/^fields\./, ''));
      };
      const fieldNames = (keys: string[]) => keys.map((k) => nameOf(`fields.${k}`)).join('、');
      const change = (key: string, { before, after }: Change) => {
        if (RELATIONS.includes(key)) return t(after ? 'detail.event.relinked' : 'detail.event.unlinked', { label: nameOf(key) });
        const value = valueOf(key);
        return t('detail.event.change', { label: nameOf(key), before: value(before), after: value(after) });
      };
      const changes = (list: Record<string, Change> | undefined) => Object.entries(list ?? {}).map(([key, c]) => change(key, c));
      const levelName = (key: string) => {
        const level = ticket.approval?.levels.find((l) => l.key === key);
        return level ? localize(level.label, locale) : key;
      };

      const c = event.changes ?? {};
      switch (event.type) {
        case 'created':
          return [t('detail.event.created')];
        case 'field_changed':
          return changes(c);
        case 'state_changed':
          return [t('detail.event.stateChanged', { from: stateName(c.state?.before), to: stateName(c.state?.after) })];
        case 'approval':
          if (c.requested) return [t('detail.event.approvalRequested', { to: stateName(c.requested.to) })];
          return [
            t(c.decision?.decision === 'reject' ? 'detail.event.rejected' : 'detail.event.approved', { level: levelName(c.decision?.level) }),
            ...(event.body ? [t('detail.event.reason', { reason: event.body })] : []),
          ];
        case 'rule_applied': {
          const rules: { rule: string; changes?: Record<string, Change> }[] = c.rules ?? [];
          return [t('detail.event.rules', { rules: rules.map((r) => r.rule).join('、') }), ...rules.flatMap((r) => changes(r.changes))];
        }
        case 'assignment':
          return [t('detail.event.assigned', { name: userName(c.assignee?.after) })];
        case 'sla_warning':
        case 'sla_breach':
          return [
            t('detail.event.sla', { clock: label(`detail.sla.clock.${c.clock}`, String(c.clock)), time: c.dueAt ? time(c.dueAt) : '—' }),
            // A level that escalates raises the priority.
            ...(c.priority ? [change('priority', c.priority)] : []),
          ];
        case 'notification':
          if (c.failed) return [t('detail.event.notifyFailed', { text: c.failed.text, error: c.failed.lastError })];
          return [t('detail.event.notifyRequested', { to: label(`detail.recipient.${c.requested?.to}`, String(c.requested?.to)) })];
        case 'template_updated':
          return [
            t('detail.event.templateUpdated', { library: c.library?.key, before: c.library?.version?.before ?? '—', after: c.library?.version?.after }),
            ...(c.fieldsAdded ? [t('detail.event.fieldsAdded', { fields: fieldNames(c.fieldsAdded) })] : []),
            ...(c.fieldsRemoved ? [t('detail.event.fieldsRemoved', { fields: fieldNames(c.fieldsRemoved) })] : []),
          ];
        default:
          return [];
      }
    },
    [t, locale, label, format, time, stateName, ticket, template, candidates]
  );
};
