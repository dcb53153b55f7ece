import type { ChangeEvent } from 'react';
import { Badge, Box, Checkbox, Flex, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ProblemLines } from '../editors/ProblemLines';
import { PropField, type Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import { ChecklistEditor } from './ChecklistEditor';
import type { StateDraft } from './model';

interface Props {
  state: StateDraft;
  index: number;
  initial: boolean;
  final: boolean;
  /** Names of the states a ticket may go to from here. */
  exits: string[];
  problems: Problem[];
  disabled?: boolean;
  onLabel: (label: StateDraft['label']) => void;
  onKey: (key: string) => void;
  onChange: (next: StateDraft) => void;
  onFinal: (on: boolean) => void;
  onRemove: () => void;
}

/** Drops a flag when it is cleared, so the stored JSON holds only what was set. */
const withFlag = (state: StateDraft, flag: 'pausesSla' | 'resolves', on: boolean): StateDraft => {
  const next = { ...state };
  if (on) next[flag] = true;
  else delete next[flag];
  return next;
};

/** One state: its names and key, what it means (final, pauses the SLA, resolves), its checklist, where it leads, and its problems in place. */
export const StateCard = ({ state, index, initial, final, exits, problems, disabled, onLabel, onKey, onChange, onFinal, onRemove }: Props) => {
  const t = useT();
  const of = (prop: string) => problems.filter((p) => p.prop === prop);
  return (
    <Box
      padding={3}
      hasRadius
      borderColor={problems.length ? 'danger600' : 'neutral200'}
      background="neutral0"
      data-testid={`workflow-state-${index}`}
      data-key={state.key}
      data-problems={problems.length}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} justifyContent="space-between">
          <Flex gap={1}>
            <Typography fontWeight="bold">{state.label?.['zh-Hans'] || state.key}</Typography>
            {initial && <Badge active>{t('workflow.state.initial')}</Badge>}
            {final && <Badge>{t('workflow.state.final')}</Badge>}
          </Flex>
          <IconButton label={t('workflow.state.remove')} variant="ghost" disabled={disabled} data-testid={`workflow-state-remove-${index}`} onClick={onRemove}>
            <Trash />
          </IconButton>
        </Flex>
        <ProblemLines problems={of('')} testId={`workflow-error-state-${index}`} />
        <Flex gap={2} alignItems="flex-start">
          <Box flex={1}>
            <PropField prop="label" label={t('workflow.state.label.zh')} problems={problems} testPrefix={`workflow-state-${index}`}>
              <TextInput
                value={state.label?.['zh-Hans'] ?? ''}
                disabled={disabled}
                data-testid={`workflow-state-label-${index}`}
                onChange={(e: ChangeEvent<HTMLInputElement>) => onLabel({ ...state.label, 'zh-Hans': e.target.value })}
              />
            </PropField>
          </Box>
          <Box flex={1}>
            <PropField prop="labelEn" label={t('workflow.state.label.en')} problems={[]} testPrefix={`workflow-state-${index}`}>
              <TextInput
                value={state.label?.en ?? ''}
                disabled={disabled}
                onChange={(e: ChangeEvent<HTMLInputElement>) => {
                  const { en: _, ...rest } = state.label ?? { 'zh-Hans': '' };
                  onLabel(e.target.value ? { ...rest, en: e.target.value } : rest);
                }}
              />
            </PropField>
          </Box>
          <Box flex={1}>
            <PropField prop="key" label={t('workflow.state.key')} hint={t('workflow.state.key.hint')} problems={problems} testPrefix={`workflow-state-${index}`}>
              <TextInput
                value={state.key ?? ''}
                disabled={disabled}
                data-testid={`workflow-state-key-${index}`}
                onChange={(e: ChangeEvent<HTMLInputElement>) => onKey(e.target.value)}
              />
            </PropField>
          </Box>
        </Flex>
        <Flex gap={4} wrap="wrap">
          <Checkbox checked={final} disabled={disabled} data-testid={`workflow-state-final-${index}`} onCheckedChange={(on: boolean) => onFinal(on === true)}>
            {t('workflow.state.final.toggle')}
          </Checkbox>
          <Checkbox checked={state.pausesSla === true} disabled={disabled} onCheckedChange={(on: boolean) => onChange(withFlag(state, 'pausesSla', on === true))}>
            {t('workflow.state.pausesSla')}
          </Checkbox>
          <Checkbox checked={state.resolves === true} disabled={disabled} onCheckedChange={(on: boolean) => onChange(withFlag(state, 'resolves', on === true))}>
            {t('workflow.state.resolves')}
          </Checkbox>
        </Flex>
        <ProblemLines problems={of('final')} testId={`workflow-state-${index}-error-final`} />
        <Typography variant="pi" textColor="neutral600" data-testid={`workflow-state-exits-${index}`}>
          {exits.length ? t('workflow.state.exits', { states: exits.join('、') }) : final ? t('workflow.state.exits.final') : t('workflow.state.exits.none')}
        </Typography>
        <PropField prop="checklist" label={t('workflow.state.checklist')} problems={problems} group testPrefix={`workflow-state-${index}`}>
          <ChecklistEditor
            state={index}
            items={Array.isArray(state.checklist) ? state.checklist : []}
            disabled={disabled}
            onChange={(checklist) => {
              const { checklist: _, ...rest } = state;
              onChange(checklist ? { ...rest, checklist } : rest);
            }}
          />
        </PropField>
      </Flex>
    </Box>
  );
};
