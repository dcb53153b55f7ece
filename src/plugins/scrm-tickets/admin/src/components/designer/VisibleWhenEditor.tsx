import type { ChangeEvent } from 'react';
import { Checkbox, Flex, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import type { Draft } from './model';

type Condition = 'equals' | 'in' | 'notEmpty';
const CONDITIONS: Condition[] = ['equals', 'in', 'notEmpty'];

const conditionOf = (rule: Draft): Condition => (rule.in !== undefined ? 'in' : rule.notEmpty !== undefined ? 'notEmpty' : 'equals');
const labelOf = (d: Draft) => d?.label?.['zh-Hans'] || d?.key || '';

/**
 * When the field shows: always, or depending on another field's answer (equals one value, is one
 * of several, or is filled in) — the values offered are the other field's own options.
 */
export const VisibleWhenEditor = ({
  rule,
  self,
  defs,
  onChange,
  disabled,
}: {
  rule: Draft | undefined;
  self: number;
  defs: Draft[];
  onChange: (next: Draft | undefined) => void;
  disabled?: boolean;
}) => {
  const t = useT();
  const candidates = defs.map((d, i) => ({ d, i })).filter(({ d, i }) => i !== self && typeof d?.key === 'string' && d.key);
  const controller = rule ? defs.find((d) => d?.key === rule.field) : undefined;
  const condition = rule ? conditionOf(rule) : 'equals';
  const options: { value: string; label: Draft }[] = Array.isArray(controller?.options) ? controller!.options : [];
  const withCondition = (field: string, next: Condition, value?: unknown): Draft => {
    if (next === 'notEmpty') return { field, notEmpty: true };
    if (next === 'in') return { field, in: Array.isArray(value) ? value : [] };
    return {
      field,
      equals: value ?? (controller?.type === 'boolean' ? true : (options[0]?.value ?? '')),
    };
  };
  const toggleIn = (value: string, on: boolean) => {
    const list: unknown[] = Array.isArray(rule?.in) ? rule!.in : [];
    onChange({
      field: rule!.field,
      in: on ? [...list, value] : list.filter((v) => v !== value),
    });
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="designer-visible">
      <SingleSelect
        aria-label={t('designer.visible.field')}
        placeholder={t('designer.visible.always')}
        value={rule?.field ?? ''}
        disabled={disabled}
        data-testid="designer-visible-field"
        onChange={(field: string | number) => onChange(field === '' ? undefined : withCondition(String(field), condition))}
      >
        <SingleSelectOption value="">{t('designer.visible.always')}</SingleSelectOption>
        {candidates.map(({ d, i }) => (
          <SingleSelectOption key={i} value={d.key}>
            {t('designer.visible.when', { field: labelOf(d) })}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      {rule && (
        <SingleSelect
          aria-label={t('designer.visible.condition')}
          value={condition}
          disabled={disabled}
          data-testid="designer-visible-condition"
          onChange={(c: string | number) => onChange(withCondition(rule.field, c as Condition))}
        >
          {CONDITIONS.map((c) => (
            <SingleSelectOption key={c} value={c}>
              {t(`designer.visible.${c}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      {rule && condition === 'equals' && options.length > 0 && (
        <SingleSelect
          aria-label={t('designer.visible.value')}
          value={String(rule.equals ?? '')}
          disabled={disabled}
          data-testid="designer-visible-value"
          onChange={(v: string | number) => onChange({ field: rule.field, equals: String(v) })}
        >
          {options.map((o) => (
            <SingleSelectOption key={o.value} value={o.value}>
              {labelOf(o)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      {rule && condition === 'equals' && controller?.type === 'boolean' && (
        <SingleSelect
          aria-label={t('designer.visible.value')}
          value={String(rule.equals)}
          disabled={disabled}
          onChange={(v: string | number) => onChange({ field: rule.field, equals: v === 'true' })}
        >
          <SingleSelectOption value="true">{t('designer.yes')}</SingleSelectOption>
          <SingleSelectOption value="false">{t('designer.no')}</SingleSelectOption>
        </SingleSelect>
      )}
      {rule && condition === 'equals' && !options.length && controller?.type !== 'boolean' && (
        <TextInput
          aria-label={t('designer.visible.value')}
          value={String(rule.equals ?? '')}
          disabled={disabled}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ field: rule.field, equals: e.target.value })}
        />
      )}
      {rule && condition === 'in' && (
        <Flex gap={3} wrap="wrap">
          {options.map((o) => (
            <Checkbox
              key={o.value}
              checked={Array.isArray(rule.in) && rule.in.includes(o.value)}
              disabled={disabled}
              onCheckedChange={(on: boolean) => toggleIn(o.value, on === true)}
            >
              {labelOf(o)}
            </Checkbox>
          ))}
        </Flex>
      )}
    </Flex>
  );
};
