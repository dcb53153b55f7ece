import type { ChangeEvent } from 'react';
import { Box, Flex, IconButton, TextInput } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { keyFromLabel } from '../editors/keys';
import { useT } from '../tickets/useT';
import type { StateDraft } from './model';

type Item = NonNullable<StateDraft['checklist']>[number];

/** What must be ticked before a ticket leaves the state: each item's text; its key follows the text. */
export const ChecklistEditor = ({ state, items, onChange, disabled }: { state: number; items: Item[]; onChange: (next: Item[] | undefined) => void; disabled?: boolean }) => {
  const t = useT();
  const others = (i: number) => new Set(items.filter((_, j) => j !== i).map((o) => o.key));
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid={`workflow-checklist-${state}`}>
      {items.map((item, i) => (
        <Flex key={i} gap={1}>
          <Box flex={1}>
            <TextInput
              aria-label={t('workflow.check.label', { n: i + 1 })}
              placeholder={t('workflow.check.label', { n: i + 1 })}
              value={item.label?.['zh-Hans'] ?? ''}
              disabled={disabled}
              data-testid={`workflow-check-${state}-${i}`}
              onChange={(e: ChangeEvent<HTMLInputElement>) => {
                // A key still as generated follows the text; one given otherwise (an import) stays.
                const generated = item.key === keyFromLabel(item.label?.['zh-Hans'] ?? '', others(i), `item_${i + 1}`, 'snake');
                const key = generated ? keyFromLabel(e.target.value, others(i), `item_${i + 1}`, 'snake') : item.key;
                onChange(items.map((x, j) => (j === i ? { key, label: { ...x.label, 'zh-Hans': e.target.value } } : x)));
              }}
            />
          </Box>
          <IconButton
            label={t('workflow.check.remove')}
            variant="ghost"
            disabled={disabled}
            onClick={() => onChange(items.length > 1 ? items.filter((_, j) => j !== i) : undefined)}
          >
            <Trash />
          </IconButton>
        </Flex>
      ))}
      <AddButton
        label={t('workflow.check.add')}
        testId={`workflow-check-add-${state}`}
        disabled={disabled}
        onClick={() => {
          const label = t('workflow.check.default', { n: items.length + 1 });
          onChange([...items, { key: keyFromLabel(label, others(-1), `item_${items.length + 1}`, 'snake'), label: { 'zh-Hans': label } }]);
        }}
      />
    </Flex>
  );
};
