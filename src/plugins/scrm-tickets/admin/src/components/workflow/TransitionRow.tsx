import { Box, Flex, IconButton, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import { fromList, setFrom, type StateDraft, type TransitionDraft } from './model';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  transition: TransitionDraft;
  index: number;
  states: StateDraft[];
  /** Who may be allowed: everyone on the staff, the customer, integrations, each admin role. */
  roles: Choice[];
  /** Approval policies by key. */
  approvals: Choice[];
  problems: Problem[];
  disabled?: boolean;
  onChange: (next: TransitionDraft) => void;
  onRemove: () => void;
}

const nameOf = (s: StateDraft) => s.label?.['zh-Hans'] || s.key;

/** A transition: from which states, to which, who may take it, and the approval it needs; problems under each. */
export const TransitionRow = ({ transition, index, states, roles, approvals, problems, disabled, onChange, onRemove }: Props) => {
  const t = useT();
  const of = (prop: string) => problems.filter((p) => p.prop === prop);
  const roleValues = transition.roles ?? [];
  // A role the list does not know (typed in an import, or a role since renamed) is still shown.
  const roleChoices = [...roles, ...roleValues.filter((r) => !roles.some((c) => c.value === r)).map((r) => ({ value: r, label: r }))];
  const set = (patch: Partial<TransitionDraft>) => {
    const next = { ...transition, ...patch };
    if (!next.roles?.length) delete next.roles;
    if (!next.approval) delete next.approval;
    onChange(next);
  };
  const cell = (label: string, prop: string, control: JSX.Element) => (
    <Box flex={1} minWidth="10rem">
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Typography variant="pi" fontWeight="bold">
          {label}
        </Typography>
        {control}
        <ProblemLines problems={of(prop)} testId={`workflow-transition-${index}-error-${prop}`} />
      </Flex>
    </Box>
  );
  return (
    <Box padding={2} hasRadius borderColor={problems.length ? 'danger600' : 'neutral200'} data-testid={`workflow-transition-${index}`}>
      <Flex gap={2} alignItems="flex-start">
        {cell(
          t('workflow.transition.from'),
          'from',
          <MultiSelect
            aria-label={t('workflow.transition.from.n', { n: index + 1 })}
            value={fromList(transition.from)}
            disabled={disabled}
            withTags
            data-testid={`workflow-transition-from-${index}`}
            onChange={(next: string[]) => onChange(setFrom(transition, next))}
          >
            {states.map((s) => (
              <MultiSelectOption key={s.key} value={s.key}>
                {nameOf(s)}
              </MultiSelectOption>
            ))}
          </MultiSelect>,
        )}
        {cell(
          t('workflow.transition.to'),
          'to',
          <SingleSelect
            aria-label={t('workflow.transition.to.n', { n: index + 1 })}
            value={transition.to ?? ''}
            disabled={disabled}
            data-testid={`workflow-transition-to-${index}`}
            onChange={(v: string | number) => set({ to: String(v) })}
          >
            {states.map((s) => (
              <SingleSelectOption key={s.key} value={s.key}>
                {nameOf(s)}
              </SingleSelectOption>
            ))}
          </SingleSelect>,
        )}
        {cell(
          t('workflow.transition.roles'),
          'roles',
          <MultiSelect
            aria-label={t('workflow.transition.roles.n', { n: index + 1 })}
            value={roleValues}
            placeholder={t('workflow.transition.roles.default')}
            disabled={disabled}
            withTags
            data-testid={`workflow-transition-roles-${index}`}
            onChange={(next: string[]) => set({ roles: next })}
          >
            {roleChoices.map((r) => (
              <MultiSelectOption key={r.value} value={r.value}>
                {r.label}
              </MultiSelectOption>
            ))}
          </MultiSelect>,
        )}
        {cell(
          t('workflow.transition.approval'),
          'approval',
          <SingleSelect
            aria-label={t('workflow.transition.approval.n', { n: index + 1 })}
            value={transition.approval ?? ''}
            disabled={disabled}
            data-testid={`workflow-transition-approval-${index}`}
            onChange={(v: string | number) => set({ approval: String(v) })}
          >
            <SingleSelectOption value="">{t('workflow.transition.approval.none')}</SingleSelectOption>
            {[
              ...approvals,
              ...(transition.approval && !approvals.some((a) => a.value === transition.approval) ? [{ value: transition.approval, label: transition.approval }] : []),
            ].map((a) => (
              <SingleSelectOption key={a.value} value={a.value}>
                {a.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>,
        )}
        <IconButton label={t('workflow.transition.remove')} variant="ghost" disabled={disabled} data-testid={`workflow-transition-remove-${index}`} onClick={onRemove}>
          <Trash />
        </IconButton>
      </Flex>
      <ProblemLines problems={of('')} testId={`workflow-transition-${index}-error`} />
    </Box>
  );
};
