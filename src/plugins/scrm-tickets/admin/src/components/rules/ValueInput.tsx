import { useEffect, useState, type ChangeEvent } from 'react';
import { MultiSelect, MultiSelectOption, NumberInput, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { MoneyInput } from '../detail/MoneyInput';
import { useT } from '../tickets/useT';
import { valueKindOf, type ValueType } from './model';
import type { Known } from './useSubjects';

interface Props {
  operator: string;
  type: ValueType;
  /** The values the subject can take, when known. */
  known: Known[] | null;
  value: unknown;
  label: string;
  testId: string;
  /** The value is fen: typed in yuan. */
  money?: boolean;
  disabled?: boolean;
  onChange: (value: unknown) => void;
}

/** Words or values typed in one box, split at commas (either width), 、 and new lines. */
const splitWords = (text: string) =>
  text
    .split(/[,，、\n]/)
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * A list typed as text: kept as typed while the user types (a trailing comma stays), the value
 * sent on is the list it reads as.
 */
const ListText = ({ value, numeric, onChange, ...rest }: { value: unknown[]; numeric: boolean; onChange: (v: unknown[]) => void } & Record<string, unknown>) => {
  const shown = value.join('，');
  const [text, setText] = useState(shown);
  // Changed from outside (an operator switch, a reload): show what it is now.
  useEffect(() => {
    if (splitWords(text).join('，') !== shown) setText(shown);
  }, [shown]);
  return (
    <TextInput
      {...rest}
      value={text}
      onChange={(e: ChangeEvent<HTMLInputElement>) => {
        setText(e.target.value);
        const words = splitWords(e.target.value);
        onChange(numeric ? words.map((w) => (Number.isFinite(Number(w)) ? Number(w) : w)) : words);
      }}
    />
  );
};

/** The value of a condition, in the control its operator and subject call for. */
export const ValueInput = ({ operator, type, known, value, label, testId, money, disabled, onChange }: Props) => {
  const t = useT();
  const kind = valueKindOf(operator);
  const common = { 'aria-label': label, 'data-testid': testId, disabled };
  const numeric = type === 'number';
  // Select values are strings to the design system: numbers (weekdays) go back as numbers.
  const back = (v: string | number) => (numeric ? Number(v) : String(v));

  if (kind === 'strings') {
    return <ListText {...common} value={Array.isArray(value) ? value : []} numeric={false} placeholder={t('rules.value.words')} onChange={onChange} />;
  }
  if (kind === 'list') {
    const list = Array.isArray(value) ? value : [];
    if (known) {
      return (
        <MultiSelect {...common} withTags value={list.map(String)} onChange={(next: string[]) => onChange(next.map(back))}>
          {known.map((k) => (
            <MultiSelectOption key={String(k.value)} value={String(k.value)}>
              {k.label}
            </MultiSelectOption>
          ))}
        </MultiSelect>
      );
    }
    return <ListText {...common} value={list} numeric={numeric} placeholder={t('rules.value.list')} onChange={onChange} />;
  }
  if (type === 'boolean') {
    return (
      <SingleSelect {...common} value={String(value === true)} onChange={(v: string | number) => onChange(v === 'true')}>
        <SingleSelectOption value="true">{t('rules.value.yes')}</SingleSelectOption>
        <SingleSelectOption value="false">{t('rules.value.no')}</SingleSelectOption>
      </SingleSelect>
    );
  }
  if (known) {
    return (
      <SingleSelect {...common} value={value === undefined || value === null ? '' : String(value)} onChange={(v: string | number) => onChange(back(v))}>
        {known.map((k) => (
          <SingleSelectOption key={String(k.value)} value={String(k.value)}>
            {k.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    );
  }
  if (numeric && money) {
    return <MoneyInput {...common} value={typeof value === 'number' ? value : null} onChange={(fen) => onChange(fen ?? 0)} />;
  }
  if (numeric) {
    return <NumberInput {...common} value={typeof value === 'number' ? value : undefined} onValueChange={(v: number | undefined) => onChange(v ?? 0)} />;
  }
  return <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} />;
};
