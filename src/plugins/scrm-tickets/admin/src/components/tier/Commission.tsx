import { Box, Checkbox, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { MoneyInput } from '../detail/MoneyInput';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import type { ModelDraft } from './model';
import { PercentInput } from './PercentInput';
import { Section } from './Section';

interface Props {
  commission: ModelDraft | null | undefined;
  problems: Problem[];
  brackets: Map<number, Problem[]>;
  disabled?: boolean;
  onChange: (next: ModelDraft | null) => void;
}

/** A new commission: 5 % up to ¥1000, 8 % above — two brackets that do not overlap. */
const START = {
  basis: 'ticket_amount',
  mode: 'progressive',
  brackets: [
    { upToFen: 100000, rate: '0.05' },
    { upToFen: null, rate: '0.08' },
  ],
};

/**
 * 提成: brackets of an amount (the ticket's, or the party's volume in the period), each up to a
 * bound, the last one open-ended; progressive (each slice at its rate) or whole (the reached
 * bracket's rate on all). A bound not above the one before is refused on that bound.
 */
export const Commission = ({ commission, problems, brackets, disabled, onChange }: Props) => {
  const t = useT();
  const on = !!commission && typeof commission === 'object';
  const list: ModelDraft[] = on && Array.isArray(commission.brackets) ? commission.brackets : [];
  const setBracket = (i: number, patch: ModelDraft) => onChange({ ...commission, brackets: list.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const of = (prop: string) => problems.filter((p) => p.prop === prop);
  return (
    <Section
      title={t('tier.commission')}
      hint={t('tier.commission.hint')}
      problems={[...problems.filter((p) => p.prop === ''), ...(brackets.get(-1) ?? [])]}
      testId="tier-commission"
      action={
        <Checkbox checked={on} disabled={disabled} data-testid="tier-commission-on" onCheckedChange={(v: boolean) => onChange(v === true ? START : null)}>
          {t('tier.commission.on')}
        </Checkbox>
      }
    >
      {on && (
        <>
          <Flex gap={2} alignItems="flex-start">
            <Box flex={1}>
              <SingleSelect
                aria-label={t('tier.commission.basis')}
                value={commission.basis ?? ''}
                disabled={disabled}
                onChange={(v: string | number) => onChange({ ...commission, basis: String(v) })}
              >
                <SingleSelectOption value="ticket_amount">{t('tier.commission.basis.ticket_amount')}</SingleSelectOption>
                <SingleSelectOption value="period_volume">{t('tier.commission.basis.period_volume')}</SingleSelectOption>
              </SingleSelect>
              <ProblemLines problems={of('basis')} testId="tier-commission-error-basis" />
            </Box>
            <Box flex={1}>
              <SingleSelect
                aria-label={t('tier.commission.mode')}
                value={commission.mode ?? ''}
                disabled={disabled}
                onChange={(v: string | number) => onChange({ ...commission, mode: String(v) })}
              >
                <SingleSelectOption value="progressive">{t('tier.commission.mode.progressive')}</SingleSelectOption>
                <SingleSelectOption value="whole">{t('tier.commission.mode.whole')}</SingleSelectOption>
              </SingleSelect>
              <ProblemLines problems={of('mode')} testId="tier-commission-error-mode" />
            </Box>
          </Flex>
          {list.map((bracket, i) => {
            const last = i === list.length - 1;
            const mine = brackets.get(i) ?? [];
            return (
              <Box key={i} data-testid={`tier-bracket-${i}`} data-problems={mine.length}>
                <Flex gap={2} alignItems="center">
                  <Typography variant="omega" textColor="neutral700">
                    {i === 0 ? t('tier.bracket.from0') : last ? t('tier.bracket.beyond') : t('tier.bracket.fromPrevious')}
                  </Typography>
                  <Box flex={1}>
                    {last ? (
                      <Typography textColor="neutral600">{t('tier.bracket.above')}</Typography>
                    ) : (
                      <MoneyInput
                        aria-label={t('tier.bracket.upTo', { n: i + 1 })}
                        value={typeof bracket.upToFen === 'number' ? bracket.upToFen : null}
                        disabled={disabled}
                        data-testid={`tier-bracket-${i}-upto`}
                        onChange={(upToFen) => setBracket(i, { upToFen })}
                      />
                    )}
                  </Box>
                  <Box flex={1}>
                    <PercentInput
                      aria-label={t('tier.bracket.rate', { n: i + 1 })}
                      rate={bracket.rate}
                      disabled={disabled}
                      data-testid={`tier-bracket-${i}-rate`}
                      onChange={(rate) => setBracket(i, { rate })}
                    />
                  </Box>
                  <IconButton
                    label={t('tier.remove')}
                    variant="ghost"
                    disabled={disabled || list.length === 1}
                    data-testid={`tier-bracket-remove-${i}`}
                    onClick={() => {
                      const next = list.filter((_, j) => j !== i);
                      // The last bracket is the open one, whichever it is now.
                      onChange({ ...commission, brackets: next.map((b, j) => (j === next.length - 1 ? { ...b, upToFen: null } : b)) });
                    }}
                  >
                    <Trash />
                  </IconButton>
                </Flex>
                <ProblemLines problems={mine.filter((p) => p.prop === 'upToFen')} testId={`tier-bracket-${i}-error-upToFen`} />
                <ProblemLines problems={mine.filter((p) => p.prop !== 'upToFen')} testId={`tier-bracket-${i}-error`} />
              </Box>
            );
          })}
          <AddButton
            label={t('tier.bracket.add')}
            testId="tier-bracket-add"
            disabled={disabled}
            onClick={() => {
              // A new bracket goes before the open-ended last one, its bound above the one before.
              const bounded = list.slice(0, -1);
              const previous = bounded.length ? Number(bounded[bounded.length - 1].upToFen) || 0 : 0;
              onChange({ ...commission, brackets: [...bounded, { upToFen: previous + 100000, rate: list[list.length - 1]?.rate ?? '0' }, ...list.slice(-1)] });
            }}
          />
        </>
      )}
    </Section>
  );
};
