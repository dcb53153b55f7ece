import type { ChangeEvent } from 'react';
import { Box, Flex, IconButton, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { STRATEGIES } from '../../../../server/src/assignment/types';
import { NOTIFY_TARGETS, PRIORITIES } from '../../../../server/src/rules/actions';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import type { Known } from './useSubjects';
import { ValueInput } from './ValueInput';

export const ACTION_TYPES = ['setPriority', 'addTags', 'setTeam', 'assign', 'escalate', 'notify', 'requireApproval'] as const;
export type Action = Record<string, any>;

/** A new action of `type` with what it needs to be valid, where there is an obvious start. */
export const actionOf = (type: string): Action =>
  type === 'setPriority'
    ? { type, priority: 'high' }
    : type === 'addTags'
      ? { type, tags: [] }
      : type === 'assign'
        ? { type, strategy: STRATEGIES[0] }
        : type === 'notify'
          ? { type, to: NOTIFY_TARGETS[0] }
          : type === 'escalate'
            ? { type }
            : { type, [type === 'setTeam' ? 'team' : 'policy']: '' };

interface Props {
  action: Action;
  index: number;
  teams: Known[];
  agents: Known[];
  policies: Known[];
  problems: Problem[];
  disabled?: boolean;
  onChange: (next: Action) => void;
  onRemove: () => void;
}

/** One action: what it does and its parameters, each with its problems under it. */
export const ActionRow = ({ action, index, teams, agents, policies, problems, disabled, onChange, onRemove }: Props) => {
  const t = useT();
  const of = (prop: string) => problems.filter((p) => p.prop === prop);
  const id = (prop: string) => `rules-action-${prop}-${index}`;
  const select = (prop: string, choices: Known[], value: unknown, set: (v: string) => void) => (
    <Box minWidth="12rem" flex={1}>
      <SingleSelect
        aria-label={t(`rules.action.param.${prop}`)}
        placeholder={t(`rules.action.param.${prop}`)}
        value={value === undefined || value === null ? '' : String(value)}
        disabled={disabled}
        data-testid={id(prop)}
        onChange={(v: string | number) => set(String(v))}
      >
        {choices.map((c) => (
          <SingleSelectOption key={String(c.value)} value={String(c.value)}>
            {c.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <ProblemLines problems={of(prop)} testId={`rules-action-error-${index}-${prop}`} />
    </Box>
  );
  const assignBy = 'agent' in action ? 'agent' : 'strategy';
  return (
    <Box padding={2} hasRadius background="neutral100" data-testid={`rules-action-${index}`}>
      <Flex gap={2} alignItems="flex-start" wrap="wrap">
        <Box minWidth="10rem">
          <SingleSelect
            aria-label={t('rules.action.type')}
            value={action.type ?? ''}
            disabled={disabled}
            data-testid={id('type')}
            onChange={(v: string | number) => onChange(actionOf(String(v)))}
          >
            {ACTION_TYPES.map((type) => (
              <SingleSelectOption key={type} value={type}>
                {t(`rules.action.${type}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <ProblemLines problems={of('type')} testId={`rules-action-error-${index}-type`} />
        </Box>
        {action.type === 'setPriority' &&
          select(
            'priority',
            PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) })),
            action.priority,
            (priority) => onChange({ ...action, priority }),
          )}
        {action.type === 'addTags' && (
          <Box minWidth="12rem" flex={1}>
            <ValueInput
              operator="containsAnyText"
              type="string"
              known={null}
              value={action.tags}
              label={t('rules.action.param.tags')}
              testId={id('tags')}
              disabled={disabled}
              onChange={(tags) => onChange({ ...action, tags })}
            />
            <ProblemLines problems={of('tags')} testId={`rules-action-error-${index}-tags`} />
          </Box>
        )}
        {action.type === 'setTeam' && select('team', teams, action.team, (team) => onChange({ ...action, team }))}
        {action.type === 'assign' && (
          <>
            {select(
              'assignBy',
              [
                { value: 'strategy', label: t('rules.action.assign.strategy') },
                { value: 'agent', label: t('rules.action.assign.agent') },
              ],
              assignBy,
              (by) => onChange(by === 'agent' ? { type: 'assign', agent: Number(agents[0]?.value ?? 0) } : { type: 'assign', strategy: STRATEGIES[0] }),
            )}
            {assignBy === 'agent'
              ? select('agent', agents, action.agent, (agent) => onChange({ type: 'assign', agent: Number(agent) }))
              : select(
                  'strategy',
                  STRATEGIES.map((s) => ({ value: s, label: t(`rules.strategy.${s}`) })),
                  action.strategy,
                  (strategy) => onChange({ type: 'assign', strategy }),
                )}
          </>
        )}
        {action.type === 'notify' && (
          <>
            {select(
              'to',
              NOTIFY_TARGETS.map((to) => ({ value: to, label: t(`rules.notify.${to}`) })),
              action.to,
              (to) => onChange({ ...action, to }),
            )}
            <Box minWidth="14rem" flex={2}>
              <TextInput
                aria-label={t('rules.action.param.message')}
                placeholder={t('rules.action.param.message')}
                value={action.message ?? ''}
                disabled={disabled}
                data-testid={id('message')}
                onChange={(e: ChangeEvent<HTMLInputElement>) => {
                  const { message: _, ...rest } = action;
                  onChange(e.target.value ? { ...rest, message: e.target.value } : rest);
                }}
              />
              <ProblemLines problems={of('message')} testId={`rules-action-error-${index}-message`} />
            </Box>
          </>
        )}
        {action.type === 'requireApproval' && select('policy', policies, action.policy, (policy) => onChange({ ...action, policy }))}
        <IconButton label={t('rules.action.remove')} variant="ghost" disabled={disabled} data-testid={`rules-action-remove-${index}`} onClick={onRemove}>
          <Trash />
        </IconButton>
      </Flex>
      <ProblemLines problems={of('')} testId={`rules-action-error-${index}`} />
    </Box>
  );
};
