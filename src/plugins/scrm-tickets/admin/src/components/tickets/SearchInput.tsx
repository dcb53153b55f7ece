import { useEffect, useState, type ChangeEvent } from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { useT } from './useT';

const DEBOUNCE_MS = 300;

/** The search box: what is typed goes to `onSubmit` once typing pauses for 300 ms. */
export const SearchInput = ({ value, onSubmit }: { value: string; onSubmit: (q: string) => void }) => {
  const t = useT();
  const [text, setText] = useState(value);

  // The URL changed under the box (back button, 清除筛选): show its search. The box keeps what is
  // typed when it is the same search, so a trailing space is not taken away mid-word.
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSubmit(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSubmit]);

  return (
    <Field.Root name="q" width="24rem">
      <Field.Label>{t('tickets.search')}</Field.Label>
      <TextInput
        name="q"
        type="search"
        startAction={<Search />}
        placeholder={t('tickets.search.placeholder')}
        value={text}
        onChange={(event: ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
      />
    </Field.Root>
  );
};
