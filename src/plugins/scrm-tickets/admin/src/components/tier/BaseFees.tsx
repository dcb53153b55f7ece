import type { ChangeEvent } from 'react';
import { Box, Flex, IconButton, TextInput } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { MoneyInput } from '../detail/MoneyInput';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import { Section } from './Section';

/** 基础服务费: a fee per service item, `default` for the items not listed. Rows keep their order as typed. */
export const BaseFees = ({
  fees,
  problems,
  disabled,
  onChange,
}: {
  fees: Record<string, unknown>;
  problems: Problem[];
  disabled?: boolean;
  onChange: (next: Record<string, unknown>) => void;
}) => {
  const t = useT();
  const rows = Object.entries(fees ?? {});
  const rename = (from: string, to: string) => onChange(Object.fromEntries(rows.map(([k, v]) => (k === from ? [to, v] : [k, v]))));
  return (
    <Section title={t('tier.baseFees')} hint={t('tier.baseFees.hint')} problems={problems.filter((p) => p.prop === '')} testId="tier-basefees">
      {rows.map(([item, fen], i) => (
        <Box key={i}>
          <Flex gap={2}>
            <Box flex={1}>
              {item === 'default' ? (
                <TextInput aria-label={t('tier.baseFees.item')} value={t('tier.baseFees.default')} disabled />
              ) : (
                <TextInput
                  aria-label={t('tier.baseFees.item')}
                  value={item}
                  disabled={disabled}
                  data-testid={`tier-basefee-${i}-item`}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => rename(item, e.target.value)}
                />
              )}
            </Box>
            <Box flex={1}>
              <MoneyInput
                aria-label={t('tier.baseFees.amount')}
                value={typeof fen === 'number' ? fen : null}
                data-testid={`tier-basefee-${i}-amount`}
                onChange={(v) => onChange({ ...fees, [item]: v ?? 0 })}
              />
            </Box>
            <IconButton
              label={t('tier.remove')}
              variant="ghost"
              disabled={disabled || item === 'default'}
              onClick={() => onChange(Object.fromEntries(rows.filter(([k]) => k !== item)))}
            >
              <Trash />
            </IconButton>
          </Flex>
          <ProblemLines problems={problems.filter((p) => p.prop === item)} testId={`tier-basefee-${i}-error`} />
        </Box>
      ))}
      <AddButton
        label={t('tier.baseFees.add')}
        testId="tier-basefee-add"
        disabled={disabled}
        onClick={() => {
          let n = rows.length;
          while (`item_${n}` in fees) n += 1;
          onChange({ ...fees, [`item_${n}`]: 0 });
        }}
      />
    </Section>
  );
};
