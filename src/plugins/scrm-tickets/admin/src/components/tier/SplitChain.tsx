import { useState } from 'react';
import { Box, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { MoneyInput } from '../detail/MoneyInput';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import { exampleLine, PARTIES, yuan, type ModelDraft } from './model';
import { PercentInput } from './PercentInput';
import { Section } from './Section';

type Kind = 'rate' | 'fixed' | 'rest';
const kindOf = (level: ModelDraft): Kind => (level.fixedFen !== undefined ? 'fixed' : level.rate !== undefined ? 'rate' : 'rest');

interface Props {
  model: ModelDraft;
  problems: Map<number, Problem[]>;
  disabled?: boolean;
  onChange: (split: ModelDraft[]) => void;
}

/**
 * 分账链: who is paid what of each settled line, in order — a share, a fixed amount, or (the last
 * level) what the others leave. Beside it, a ticket worked through in yuan by the server's own
 * line code: base + commission, then each party's share, adding up to the fen.
 */
export const SplitChain = ({ model, problems, disabled, onChange }: Props) => {
  const t = useT();
  const [exampleFen, setExampleFen] = useState<number>(30000);
  const levels: ModelDraft[] = Array.isArray(model.split) ? model.split : [];
  const set = (i: number, next: ModelDraft) => onChange(levels.map((l, j) => (j === i ? next : l)));
  const partyName = (p: string) => (PARTIES.includes(p) ? t(`tier.party.${p}`) : p);
  const line = exampleLine(model, exampleFen);
  const choices = (current: string) => [...PARTIES, ...(current && !PARTIES.includes(current) ? [current] : [])];
  return (
    <Section title={t('tier.split')} hint={t('tier.split.hint')} problems={problems.get(-1) ?? []} testId="tier-split">
      {levels.map((level, i) => {
        const kind = kindOf(level);
        const mine = problems.get(i) ?? [];
        const last = i === levels.length - 1;
        return (
          <Box key={i} data-testid={`tier-split-${i}`}>
            <Flex gap={2} alignItems="center">
              <Typography variant="omega" textColor="neutral600">
                {i + 1}.
              </Typography>
              <Box flex={1}>
                <SingleSelect
                  aria-label={t('tier.split.party', { n: i + 1 })}
                  value={level.party ?? ''}
                  disabled={disabled}
                  data-testid={`tier-split-${i}-party`}
                  onChange={(v: string | number) => set(i, { ...level, party: String(v) })}
                >
                  {choices(level.party).map((p) => (
                    <SingleSelectOption key={p} value={p}>
                      {partyName(p)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
              <Box flex={1}>
                <SingleSelect
                  aria-label={t('tier.split.kind', { n: i + 1 })}
                  value={kind}
                  disabled={disabled}
                  data-testid={`tier-split-${i}-kind`}
                  onChange={(v: string | number) =>
                    set(i, v === 'rate' ? { party: level.party, rate: '0.1' } : v === 'fixed' ? { party: level.party, fixedFen: 0 } : { party: level.party })
                  }
                >
                  <SingleSelectOption value="rate">{t('tier.split.kind.rate')}</SingleSelectOption>
                  <SingleSelectOption value="fixed">{t('tier.split.kind.fixed')}</SingleSelectOption>
                  {last && <SingleSelectOption value="rest">{t('tier.split.kind.rest')}</SingleSelectOption>}
                </SingleSelect>
              </Box>
              <Box flex={1}>
                {kind === 'rate' && (
                  <PercentInput
                    aria-label={t('tier.split.rate', { n: i + 1 })}
                    rate={level.rate}
                    disabled={disabled}
                    data-testid={`tier-split-${i}-rate`}
                    onChange={(rate) => set(i, { party: level.party, rate: rate ?? '0' })}
                  />
                )}
                {kind === 'fixed' && (
                  <MoneyInput
                    aria-label={t('tier.split.fixed', { n: i + 1 })}
                    value={level.fixedFen}
                    disabled={disabled}
                    data-testid={`tier-split-${i}-fixed`}
                    onChange={(fixedFen) => set(i, { party: level.party, fixedFen: fixedFen ?? 0 })}
                  />
                )}
                {kind === 'rest' && <Typography textColor="neutral600">{t('tier.split.kind.rest.hint')}</Typography>}
              </Box>
              <IconButton
                label={t('tier.remove')}
                variant="ghost"
                disabled={disabled || levels.length === 1}
                data-testid={`tier-split-remove-${i}`}
                onClick={() => onChange(levels.filter((_, j) => j !== i))}
              >
                <Trash />
              </IconButton>
            </Flex>
            <ProblemLines problems={mine} testId={`tier-split-${i}-error`} />
          </Box>
        );
      })}
      {/* A new paid share goes before the last level, which keeps taking the remainder. */}
      <AddButton
        label={t('tier.split.add')}
        testId="tier-split-add"
        disabled={disabled}
        onClick={() => onChange([...levels.slice(0, -1), { party: PARTIES.find((p) => !levels.some((l) => l.party === p)) ?? 'platform', rate: '0.1' }, ...levels.slice(-1)])}
      />
      <Box padding={3} hasRadius background="primary100" data-testid="tier-example">
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Flex gap={2}>
            <Typography fontWeight="bold">{t('tier.example')}</Typography>
            <Box width="12rem">
              <MoneyInput aria-label={t('tier.example.amount')} value={exampleFen} data-testid="tier-example-amount" onChange={(fen) => setExampleFen(fen ?? 0)} />
            </Box>
          </Flex>
          {line ? (
            <>
              <Typography variant="pi" data-testid="tier-example-line">
                {t('tier.example.line', { base: yuan(line.baseFen), commission: yuan(line.commissionFen), line: yuan(line.lineFen) })}
              </Typography>
              {line.shares.map((s, i) => (
                <Typography key={i} variant="pi" data-testid={`tier-example-share-${i}`}>
                  {partyName(s.party)}：{yuan(s.fen)}
                </Typography>
              ))}
            </>
          ) : (
            <Typography variant="pi" textColor="neutral600" data-testid="tier-example-line">
              {t('tier.example.invalid')}
            </Typography>
          )}
        </Flex>
      </Box>
    </Section>
  );
};
