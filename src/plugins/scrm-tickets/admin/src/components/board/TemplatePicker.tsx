import { useCallback } from 'react';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useT } from '../tickets/useT';

interface Props {
  value: string;
  templates: { key: string; name: string }[];
  onChange: (template: string) => void;
}

/** Which template's tickets the board shows: a board is one workflow, so one template at a time. */
export const TemplatePicker = ({ value, templates, onChange }: Props) => {
  const t = useT();
  // As in FilterSelect: the ref reaches the trigger (the element the user clicks), which gets the hook.
  const tagTrigger = useCallback((trigger: HTMLDivElement | null) => trigger?.setAttribute('data-testid', 'board-template'), []);
  return (
    <Field.Root name="template" width="24rem">
      <Field.Label>{t('board.template')}</Field.Label>
      <SingleSelect
        ref={tagTrigger}
        value={value}
        placeholder={t('board.template.placeholder')}
        onChange={(next: string | number) => onChange(String(next))}
      >
        {templates.map((template) => (
          <SingleSelectOption key={template.key} value={template.key}>
            {template.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};
