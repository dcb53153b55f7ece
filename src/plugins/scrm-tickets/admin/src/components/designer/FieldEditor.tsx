import type { ChangeEvent } from 'react';
import { Box, Checkbox, Flex, NumberInput, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { OptionsEditor } from './OptionsEditor';
import { PatternTester } from './PatternTester';
import { ProblemLines } from '../editors/ProblemLines';
import { PropField } from '../editors/PropField';
import { VisibleWhenEditor } from './VisibleWhenEditor';
import type { Draft, Problem } from './model';

/** Types whose min/max mean something, and what they count (server/src/fields/checkers.ts RANGE_UNITS). */
const RANGED = new Set(['text', 'textarea', 'number', 'money', 'multiselect', 'media']);
const PATTERNED = new Set(['text', 'textarea']);

interface Props {
  draft: Draft;
  index: number;
  defs: Draft[];
  problems: Problem[];
  disabled?: boolean;
  /** A new label (the key may follow it), or any other change of the definition. */
  onLabel: (label: Record<string, string>) => void;
  onKey: (key: string) => void;
  onChange: (next: Draft) => void;
}

/** Drops a property when it is cleared, so the stored JSON holds only what was set. */
const withProp = (draft: Draft, prop: string, value: unknown): Draft => {
  const next = { ...draft };
  if (value === undefined || value === '' || value === null) delete next[prop];
  else next[prop] = value;
  return next;
};

/** The side panel: every setting of the selected field, each with its problems under it. */
export const FieldEditor = ({ draft, index, defs, problems, disabled, onLabel, onKey, onChange }: Props) => {
  const t = useT();
  const set = (prop: string, value: unknown) => onChange(withProp(draft, prop, value));
  const type: string = draft.type;
  const label = draft.label ?? {};
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="22rem" data-testid="designer-editor">
      <Typography variant="delta">{t('designer.editing', { type: t(`designer.type.${type}`) })}</Typography>
      <ProblemLines problems={problems.filter((p) => p.prop === '' || p.prop === 'type')} testId="designer-error-field" />
      <PropField prop="label" label={t('designer.label.zh')} problems={problems}>
        <TextInput
          value={label['zh-Hans'] ?? ''}
          disabled={disabled}
          data-testid="designer-label-zh"
          onChange={(e: ChangeEvent<HTMLInputElement>) => onLabel({ ...label, 'zh-Hans': e.target.value })}
        />
      </PropField>
      <PropField prop="labelEn" label={t('designer.label.en')} problems={[]}>
        <TextInput
          value={label.en ?? ''}
          disabled={disabled}
          data-testid="designer-label-en"
          onChange={(e: ChangeEvent<HTMLInputElement>) => onLabel(withProp(label, 'en', e.target.value))}
        />
      </PropField>
      <PropField prop="key" label={t('designer.key')} hint={t('designer.key.hint')} problems={problems}>
        <TextInput value={draft.key ?? ''} disabled={disabled} data-testid="designer-key" onChange={(e: ChangeEvent<HTMLInputElement>) => onKey(e.target.value)} />
      </PropField>
      <Checkbox
        checked={draft.required === true}
        disabled={disabled}
        data-testid="designer-required"
        onCheckedChange={(on: boolean) => set('required', on === true ? true : undefined)}
      >
        {t('designer.required')}
      </Checkbox>
      {(type === 'select' || type === 'multiselect') && (
        <PropField prop="options" label={t('designer.options')} problems={problems} group>
          <OptionsEditor options={Array.isArray(draft.options) ? draft.options : []} disabled={disabled} onChange={(options) => set('options', options)} />
        </PropField>
      )}
      {RANGED.has(type) && (
        <Flex gap={2} alignItems="flex-start">
          {(['min', 'max'] as const).map((bound) => (
            <Box key={bound} flex={1}>
              <PropField prop={bound} label={t(`designer.${bound}.${type}`)} problems={problems}>
                <NumberInput
                  value={typeof draft[bound] === 'number' ? draft[bound] : undefined}
                  disabled={disabled}
                  data-testid={`designer-${bound}`}
                  onValueChange={(v: number | undefined) => set(bound, v)}
                />
              </PropField>
            </Box>
          ))}
        </Flex>
      )}
      {PATTERNED.has(type) && (
        <PropField prop="pattern" label={t('designer.pattern')} hint={t('designer.pattern.hint')} problems={problems}>
          <TextInput
            value={draft.pattern ?? ''}
            disabled={disabled}
            data-testid="designer-pattern"
            onChange={(e: ChangeEvent<HTMLInputElement>) => set('pattern', e.target.value)}
          />
        </PropField>
      )}
      {PATTERNED.has(type) && draft.pattern && <PatternTester pattern={draft.pattern ?? ''} />}
      {(type === 'text' || type === 'textarea' || type === 'select' || type === 'boolean') && (
        <PropField prop="default" label={t('designer.default')} problems={problems}>
          {type === 'select' ? (
            <SingleSelect
              value={draft.default ?? ''}
              disabled={disabled}
              data-testid="designer-default"
              onChange={(v: string | number) => set('default', v === '' ? undefined : String(v))}
            >
              <SingleSelectOption value="">{t('designer.default.none')}</SingleSelectOption>
              {(Array.isArray(draft.options) ? draft.options : []).map((o: Draft, i: number) => (
                <SingleSelectOption key={i} value={o.value}>
                  {o.label?.['zh-Hans'] || o.value}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          ) : type === 'boolean' ? (
            <SingleSelect
              value={draft.default === undefined ? '' : String(draft.default)}
              disabled={disabled}
              onChange={(v: string | number) => set('default', v === '' ? undefined : v === 'true')}
            >
              <SingleSelectOption value="">{t('designer.default.none')}</SingleSelectOption>
              <SingleSelectOption value="true">{t('designer.yes')}</SingleSelectOption>
              <SingleSelectOption value="false">{t('designer.no')}</SingleSelectOption>
            </SingleSelect>
          ) : (
            <TextInput
              value={draft.default ?? ''}
              disabled={disabled}
              data-testid="designer-default"
              onChange={(e: ChangeEvent<HTMLInputElement>) => set('default', e.target.value)}
            />
          )}
        </PropField>
      )}
      <PropField prop="helpText" label={t('designer.help')} problems={problems}>
        <TextInput
          value={draft.helpText?.['zh-Hans'] ?? ''}
          disabled={disabled}
          onChange={(e: ChangeEvent<HTMLInputElement>) => set('helpText', e.target.value ? { ...draft.helpText, 'zh-Hans': e.target.value } : undefined)}
        />
      </PropField>
      <PropField prop="visibleWhen" label={t('designer.visible')} problems={problems} group>
        <VisibleWhenEditor rule={draft.visibleWhen} self={index} defs={defs} disabled={disabled} onChange={(rule) => set('visibleWhen', rule)} />
      </PropField>
    </Flex>
  );
};
