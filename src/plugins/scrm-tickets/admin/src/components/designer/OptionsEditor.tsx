import type { ChangeEvent } from 'react';
import { Flex, IconButton, TextInput } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { useT } from '../tickets/useT';
import { keyFromLabel } from './model';

interface Option {
  value: string;
  label: { 'zh-Hans': string; en?: string };
}

/** A select's choices: the text customers see (中文, English) and the value stored, made from the text until typed. */
export const OptionsEditor = ({ options, onChange, disabled }: { options: Option[]; onChange: (next: Option[]) => void; disabled?: boolean }) => {
  const t = useT();
  const set = (i: number, patch: Partial<Option>) => onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const others = (i: number) => new Set(options.filter((_, j) => j !== i).map((o) => o.value));
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="designer-options">
      {options.map((option, i) => (
        <Flex key={i} gap={1}>
          <TextInput
            aria-label={t('designer.option.label', { n: i + 1 })}
            placeholder={t('designer.option.label', { n: i + 1 })}
            value={option.label?.['zh-Hans'] ?? ''}
            disabled={disabled}
            data-testid={`designer-option-label-${i}`}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              const text = e.target.value;
              // A value still as generated follows the text; one typed by hand stays.
              const generated = option.value === keyFromLabel(option.label?.['zh-Hans'] ?? '', others(i), `option${i + 1}`);
              set(i, {
                label: { ...option.label, 'zh-Hans': text },
                ...(generated ? { value: keyFromLabel(text, others(i), `option${i + 1}`) } : {}),
              });
            }}
          />
          <TextInput
            aria-label={t('designer.option.value', { n: i + 1 })}
            placeholder={t('designer.option.valuePlaceholder')}
            value={option.value ?? ''}
            disabled={disabled}
            data-testid={`designer-option-value-${i}`}
            onChange={(e: ChangeEvent<HTMLInputElement>) => set(i, { value: e.target.value })}
          />
          <IconButton label={t('designer.option.remove')} variant="ghost" disabled={disabled} onClick={() => onChange(options.filter((_, j) => j !== i))}>
            <Trash />
          </IconButton>
        </Flex>
      ))}
      <AddButton
        label={t('designer.option.add')}
        testId="designer-option-add"
        disabled={disabled}
        onClick={() => {
          const label = t('designer.option.default', { n: options.length + 1 });
          onChange([
            ...options,
            {
              value: keyFromLabel(label, others(-1), `option${options.length + 1}`),
              label: { 'zh-Hans': label },
            },
          ]);
        }}
      />
    </Flex>
  );
};
