import { useState, type ChangeEvent } from 'react';
import { Box, Button, Flex, Tag, TextInput, Typography } from '@strapi/design-system';
import { Cross, Plus } from '@strapi/icons';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';

/** Single days that differ from the calendar (a company holiday, a make-up workday): picked from a calendar, removed by their tag. */
export const DatesEditor = ({
  kind,
  dates,
  problems,
  disabled,
  onChange,
}: {
  kind: 'holidays' | 'workdays';
  dates: string[];
  problems: Map<number, Problem[]>;
  disabled?: boolean;
  onChange: (next: string[]) => void;
}) => {
  const t = useT();
  const [picked, setPicked] = useState('');
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid={`sla-${kind}`}>
      <Typography variant="pi" fontWeight="bold">
        {t(`sla.${kind}`)}
      </Typography>
      <Flex gap={1} wrap="wrap">
        {dates.map((d, i) => (
          <Tag key={`${d}-${i}`} icon={<Cross />} disabled={disabled} label={t('sla.date.remove', { date: d })} onClick={() => onChange(dates.filter((_, j) => j !== i))}>
            {d}
          </Tag>
        ))}
      </Flex>
      {[...problems.values()].flat().length > 0 && (
        <ProblemLines problems={[...problems].flatMap(([i, list]) => list.map((p) => ({ ...p, path: i >= 0 ? [dates[i] ?? i] : [] })))} testId={`sla-${kind}-error`} />
      )}
      <Flex gap={2}>
        <Box width="15rem">
          <TextInput
            type="date"
            aria-label={t(`sla.${kind}.pick`)}
            value={picked}
            disabled={disabled}
            data-testid={`sla-${kind}-pick`}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setPicked(e.target.value)}
          />
        </Box>
        <Button
          variant="tertiary"
          startIcon={<Plus />}
          disabled={disabled || !picked}
          data-testid={`sla-${kind}-add`}
          onClick={() => {
            onChange([...dates, picked].sort());
            setPicked('');
          }}
        >
          {t('sla.date.add')}
        </Button>
      </Flex>
    </Flex>
  );
};
