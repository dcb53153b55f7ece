import type { ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import {
  Field,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { localize } from '../tickets/types';
import { MoneyInput } from './MoneyInput';
import { useT } from '../tickets/useT';
import { fromShanghaiInput, helpOf, toShanghaiInput, useFieldFormat } from './fieldValues';
import type { FieldDefinition } from './types';

interface Props {
  def: FieldDefinition;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
}

type ControlProps = Omit<Props, 'error'>;

/** Text as the server stores it: an emptied input is no value (null), not an empty string. */
const text = (onChange: (value: unknown) => void) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
  onChange(event.target.value === '' ? null : event.target.value);

/** The input for the field's type, in the server's value shape. */
const Control = ({ def, value, onChange }: ControlProps) => {
  const t = useT();
  const { locale } = useIntl();
  const format = useFieldFormat();
  const options = (def.options ?? []).map((o) => ({ value: o.value, label: localize(o.label, locale) }));
  const clear = def.required ? undefined : () => onChange(null);
  switch (def.type) {
    case 'textarea':
      return <Textarea value={(value as string | null) ?? ''} onChange={text(onChange)} />;
    case 'number':
      return <NumberInput value={(value as number | null) ?? undefined} onValueChange={(n) => onChange(n ?? null)} />;
    case 'money':
      return <MoneyInput value={value as number | null} onChange={onChange} />;
    case 'date':
      return <TextInput type="date" value={(value as string | null) ?? ''} onChange={text(onChange)} />;
    case 'datetime':
      return (
        <TextInput
          type="datetime-local"
          value={typeof value === 'string' ? toShanghaiInput(value) : ''}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            onChange(event.target.value ? fromShanghaiInput(event.target.value) : null)
          }
        />
      );
    case 'select':
      return (
        <SingleSelect
          value={(value as string | null) ?? ''}
          placeholder={t('detail.select.placeholder')}
          onChange={(next: string | number) => onChange(String(next))}
          onClear={clear}
          clearLabel={t('detail.clear')}
        >
          {options.map((o) => (
            <SingleSelectOption key={o.value} value={o.value}>
              {o.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      );
    case 'multiselect':
      return (
        <MultiSelect
          withTags
          value={(value as string[] | null) ?? []}
          placeholder={t('detail.select.placeholder')}
          onChange={(next: string[]) => onChange(next)}
          onClear={clear}
          clearLabel={t('detail.clear')}
        >
          {options.map((o) => (
            <MultiSelectOption key={o.value} value={o.value}>
              {o.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      );
    case 'boolean':
      return (
        <Toggle
          onLabel={t('detail.yes')}
          offLabel={t('detail.no')}
          checked={(value as boolean | null) ?? null}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
        />
      );
    // Files, regions and map points are picked elsewhere (the Content Manager, the customer's H5):
    // shown here and sent back as they are.
    case 'media':
    case 'region':
    case 'location':
      return (
        <Typography tag="p" textColor="neutral600">
          {format(def, value)} · {t('detail.fields.readOnly')}
        </Typography>
      );
    default:
      return (
        <TextInput
          type={def.type === 'mobile' ? 'tel' : def.type === 'email' ? 'email' : 'text'}
          value={(value as string | null) ?? ''}
          onChange={text(onChange)}
        />
      );
  }
};

/** One template field in the edit form: label, input, help text and the server's error. */
export const FieldInput = ({ def, value, error, onChange }: Props) => {
  const { locale } = useIntl();
  const id = `field-${def.key}`;
  return (
    // The root names the input (`field.<key>`) and marks it invalid; the error line is ours, with a test hook.
    <Field.Root id={id} name={`field.${def.key}`} required={def.required} hint={helpOf(def, locale)} error={error}>
      <Field.Label>{localize(def.label, locale)}</Field.Label>
      <Control def={def} value={value} onChange={onChange} />
      <Field.Hint />
      {error && <FieldError id={id} testId={`error-${def.key}`} message={error} />}
    </Field.Root>
  );
};

/** Field.Error takes no test hook; this is the same line, with one and the id inputs point at. */
export const FieldError = ({ id, testId, message }: { id: string; testId: string; message: string }) => (
  <Typography variant="pi" tag="p" id={`${id}-error`} textColor="danger600" data-testid={testId}>
    {message}
  </Typography>
);
