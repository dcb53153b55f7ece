import { useMemo } from 'react';
import { Box, Checkbox, Flex, IconButton, NumberInput, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton, EditorFrame } from '../editors/EditorFrame';
import { DEFAULT_ESCALATIONS, ESCALATION_NOTIFY, validateEscalations } from '../../../../server/src/business-time';
import { byItem, mergeFindings } from '../editors/problems';
import { ProblemLines } from '../editors/ProblemLines';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useT } from '../tickets/useT';

type Level = Record<string, any>;

/** A level's key from when it fires (warn, breach, breach_60): unique, so its timers are told apart. */
const keyOf = (level: Level, others: Level[]) => {
  const base = level.at === 'breach' && level.afterMinutes ? `breach_${level.afterMinutes}` : String(level.at ?? 'level');
  let key = base;
  for (let n = 2; others.some((o) => o.key === key); n += 1) key = `${base}_${n}`;
  return key;
};

/**
 * 升级规则 — who hears when a ticket's SLA is about to be missed or has been: at the warning
 * percentage, at the breach, or a while after it; each level may raise the priority. Without any,
 * the policy uses the default (warn the assignee, at breach tell the team lead and escalate).
 */
export const EscalationsEditor = (props: CustomFieldProps) => {
  const { value, disabled, hint } = props;
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const levels: Level[] = Array.isArray(value) ? value : [];
  const problems = useMemo(() => byItem(mergeFindings(Array.isArray(value) ? validateEscalations(levels, []) : [], serverErrors)), [value, levels, serverErrors]);
  const set = (i: number, patch: Level) => {
    const next = { ...levels[i], ...patch };
    for (const prop of Object.keys(next)) if (next[prop] === undefined || next[prop] === false || next[prop] === '') delete next[prop];
    next.key = keyOf(
      next,
      levels.filter((_, j) => j !== i),
    );
    commit(levels.map((l, j) => (j === i ? next : l)));
  };
  return (
    <EditorFrame title={t('sla.escalations.title')} testId="sla-escalations" hint={hint}>
      {levels.length === 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('sla.escalations.default')}
        </Typography>
      )}
      <ProblemLines problems={problems.get(-1) ?? []} testId="sla-escalations-error" />
      {levels.map((level, i) => (
        <Box key={i} padding={2} hasRadius background="neutral100" data-testid={`sla-escalation-${i}`}>
          <Flex gap={2} alignItems="center" wrap="wrap">
            <Box minWidth="10rem">
              <SingleSelect
                aria-label={t('sla.escalation.at')}
                value={level.at ?? ''}
                disabled={disabled}
                onChange={(v: string | number) => set(i, { at: String(v), afterMinutes: v === 'breach' ? level.afterMinutes : undefined })}
              >
                <SingleSelectOption value="warn">{t('sla.escalation.at.warn')}</SingleSelectOption>
                <SingleSelectOption value="breach">{t('sla.escalation.at.breach')}</SingleSelectOption>
              </SingleSelect>
            </Box>
            {level.at === 'breach' && (
              <Box width="10rem">
                <NumberInput
                  aria-label={t('sla.escalation.after')}
                  placeholder={t('sla.escalation.after')}
                  value={level.afterMinutes}
                  disabled={disabled}
                  onValueChange={(v: number | undefined) => set(i, { afterMinutes: v || undefined })}
                />
              </Box>
            )}
            <Box minWidth="10rem">
              <SingleSelect
                aria-label={t('sla.escalation.notify')}
                value={level.notify ?? ''}
                disabled={disabled}
                onChange={(v: string | number) => set(i, { notify: v === '' ? undefined : String(v) })}
              >
                <SingleSelectOption value="">{t('sla.escalation.notify.none')}</SingleSelectOption>
                {ESCALATION_NOTIFY.map((n) => (
                  <SingleSelectOption key={n} value={n}>
                    {t(`sla.escalation.notify.${n}`)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Checkbox checked={level.escalate === true} disabled={disabled} onCheckedChange={(on: boolean) => set(i, { escalate: on === true || undefined })}>
              {t('sla.escalation.escalate')}
            </Checkbox>
            <IconButton label={t('sla.escalation.remove')} variant="ghost" disabled={disabled} onClick={() => commit(levels.filter((_, j) => j !== i))}>
              <Trash />
            </IconButton>
          </Flex>
          <ProblemLines problems={problems.get(i) ?? []} testId={`sla-escalation-${i}-error`} />
        </Box>
      ))}
      <AddButton
        label={t(levels.length ? 'sla.escalation.add' : 'sla.escalation.customise')}
        disabled={disabled}
        onClick={() =>
          commit(
            levels.length
              ? [...levels, { key: keyOf({ at: 'breach', afterMinutes: 60 }, levels), at: 'breach', afterMinutes: 60, notify: 'regional_manager' }]
              : DEFAULT_ESCALATIONS.map((l) => ({ ...l })),
          )
        }
      />
    </EditorFrame>
  );
};

export default EscalationsEditor;
