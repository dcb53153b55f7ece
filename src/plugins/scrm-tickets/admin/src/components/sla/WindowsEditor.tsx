import type { ChangeEvent } from 'react';
import { Box, Flex, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';

type Window = { start: string; end: string };

/**
 * The working windows of a day, in order (9:00-12:00, 13:00-18:00). Typed as HH:mm text rather than
 * the browser's time picker: an evening shift ends at 24:00, which a time picker cannot hold.
 */
export const WindowsEditor = ({
  windows,
  problems,
  disabled,
  onChange,
}: {
  windows: Window[];
  problems: Map<number, Problem[]>;
  disabled?: boolean;
  onChange: (next: Window[]) => void;
}) => {
  const t = useT();
  const set = (i: number, patch: Partial<Window>) => onChange(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      {windows.map((w, i) => {
        const mine = problems.get(i) ?? [];
        return (
          <Box key={i} data-testid={`sla-window-${i}`}>
            <Flex gap={2} alignItems="center">
              <Box width="8rem">
                <TextInput
                  aria-label={t('sla.window.start', { n: i + 1 })}
                  placeholder="09:00"
                  value={w.start ?? ''}
                  disabled={disabled}
                  data-testid={`sla-window-${i}-start`}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => set(i, { start: e.target.value })}
                />
              </Box>
              <Typography>—</Typography>
              <Box width="8rem">
                <TextInput
                  aria-label={t('sla.window.end', { n: i + 1 })}
                  placeholder="18:00"
                  value={w.end ?? ''}
                  disabled={disabled}
                  data-testid={`sla-window-${i}-end`}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => set(i, { end: e.target.value })}
                />
              </Box>
              <IconButton label={t('sla.window.remove')} variant="ghost" disabled={disabled || windows.length === 1} onClick={() => onChange(windows.filter((_, j) => j !== i))}>
                <Trash />
              </IconButton>
            </Flex>
            <ProblemLines problems={mine} testId={`sla-window-${i}-error`} />
          </Box>
        );
      })}
      <AddButton
        label={t('sla.window.add')}
        testId="sla-window-add"
        disabled={disabled}
        onClick={() => onChange([...windows, { start: windows[windows.length - 1]?.end ?? '09:00', end: '24:00' }])}
      />
    </Flex>
  );
};
