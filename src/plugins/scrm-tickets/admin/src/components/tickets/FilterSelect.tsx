import { useCallback } from 'react';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useT } from './useT';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  /** The query parameter; also names the test hook `filter-<param>`. */
  param: string;
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  /** Without it the select always holds a value (the sort). */
  clearable?: boolean;
}

export const FilterSelect = ({ param, label, value, options, onChange, clearable = true }: Props) => {
  const t = useT();
  // SingleSelect hands other props to its Radix root, which renders no element; its ref reaches
  // the trigger (the element the user clicks), so the test hook is set there.
  const tagTrigger = useCallback(
    (trigger: HTMLDivElement | null) => trigger?.setAttribute('data-testid', `filter-${param}`),
    [param]
  );
  return (
    <Field.Root name={param} width="16rem">
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        ref={tagTrigger}
        value={value}
        placeholder={t('tickets.filter.any')}
        onChange={(next: string | number) => onChange(String(next))}
        onClear={clearable ? () => onChange('') : undefined}
        clearLabel={t('tickets.filter.clearOne')}
      >
        {options.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};
