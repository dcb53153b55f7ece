import { Box, Flex, IconButton, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { yuan } from '../editors/yuan';
import { useT } from '../tickets/useT';
import { fitValue, isMoney, leafFor, operatorsFor, subjectOf, valueTypeOf, type Node } from './model';
import type { Subjects } from './useSubjects';
import { ValueInput } from './ValueInput';
import { VerdictBadge, type Verdict } from './Verdict';

interface Props {
  leaf: Node;
  /** `pathKey` of the node, for test ids (`root` for the top). */
  id: string;
  subjects: Subjects;
  problems: Problem[];
  verdict?: Verdict;
  disabled?: boolean;
  onChange: (next: Node) => void;
  onRemove: () => void;
}

/** One condition: what it tests, how, against what; its problems and its verdict on the tried ticket beside it. */
export const ConditionRow = ({ leaf, id, subjects, problems, verdict, disabled, onChange, onRemove }: Props) => {
  const t = useT();
  const subject = subjectOf(leaf);
  const type = valueTypeOf(subject, subjects.fields);
  const known = subjects.knownOf(subject);
  const knownValues = (known ?? []).map((k) => String(k.value));
  const operators = operatorsFor(type);
  const money = isMoney(subject, subjects.fields);
  const shown = (x: unknown) => (money && typeof x === 'number' ? yuan(x) : (known?.find((k) => k.value === x)?.label ?? (typeof x === 'string' ? x : JSON.stringify(x ?? '—'))));
  // A subject that no longer exists (a removed template field) is still shown, so it can be changed.
  const choices =
    subjects.subjects.some((s) => s.value === subject) || !subject ? subjects.subjects : [...subjects.subjects, { value: subject, label: subject, group: 'field' as const }];
  const of = (prop: string) => problems.filter((p) => p.prop === prop);
  return (
    <Box padding={2} hasRadius background="neutral100" data-testid={`rules-condition-${id}`}>
      <Flex gap={2} alignItems="flex-start" wrap="wrap">
        <Box minWidth="12rem" flex={1}>
          <SingleSelect
            aria-label={t('rules.subject')}
            value={subject}
            disabled={disabled}
            data-testid={`rules-subject-${id}`}
            onChange={(v: string | number) =>
              onChange(
                leafFor(
                  String(v),
                  subjects.fields,
                  (subjects.knownOf(String(v)) ?? []).map((k) => String(k.value)),
                  leaf,
                ),
              )
            }
          >
            {choices.map((s) => (
              <SingleSelectOption key={s.value} value={s.value}>
                {s.group === 'field' ? t('rules.subject.field', { label: s.label }) : s.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <ProblemLines problems={[...of('fact'), ...of('path')]} testId={`rules-error-${id}-fact`} />
        </Box>
        <Box minWidth="9rem">
          <SingleSelect
            aria-label={t('rules.operator')}
            value={operators.includes(leaf.operator) ? leaf.operator : ''}
            disabled={disabled}
            data-testid={`rules-operator-${id}`}
            onChange={(v: string | number) => onChange({ ...leaf, operator: String(v), value: fitValue(leaf.value, String(v), type, knownValues) })}
          >
            {operators.map((op) => (
              <SingleSelectOption key={op} value={op}>
                {t(`rules.op.${op}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <ProblemLines problems={of('operator')} testId={`rules-error-${id}-operator`} />
        </Box>
        <Box minWidth="12rem" flex={1}>
          <ValueInput
            operator={leaf.operator}
            type={type}
            known={known}
            value={leaf.value}
            label={t('rules.value')}
            testId={`rules-value-${id}`}
            money={money}
            disabled={disabled}
            onChange={(value) => onChange({ ...leaf, value })}
          />
          <ProblemLines problems={of('value')} testId={`rules-error-${id}-value`} />
        </Box>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <VerdictBadge verdict={verdict} testId={`rules-verdict-${id}`} leaf show={(v) => (Array.isArray(v) ? v : [v]).map(shown).join('、')} />
        </Flex>
        <IconButton label={t('rules.condition.remove')} variant="ghost" disabled={disabled} data-testid={`rules-remove-${id}`} onClick={onRemove}>
          <Trash />
        </IconButton>
      </Flex>
      <ProblemLines problems={of('')} testId={`rules-error-${id}`} />
    </Box>
  );
};
