import { Box, Checkbox, Flex, IconButton, MultiSelect, MultiSelectOption, NumberInput, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from '../editors/EditorFrame';
import { PRIORITIES } from '../../../../server/src/rules/actions';
import { MoneyInput } from '../detail/MoneyInput';
import { ProblemLines } from '../editors/ProblemLines';
import type { Problem } from '../editors/PropField';
import { useT } from '../tickets/useT';
import { PARTIES, type ModelDraft, type TierProblems } from './model';
import { PercentInput } from './PercentInput';
import { Section } from './Section';

interface Props {
  model: ModelDraft;
  problems: TierProblems;
  disabled?: boolean;
  onChange: (next: ModelDraft) => void;
}

const withoutEmpty = (model: ModelDraft, prop: string, value: unknown): ModelDraft => {
  const next = { ...model };
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) delete next[prop];
  else next[prop] = value;
  return next;
};
const lines = (problems: Problem[], prop: string, testId: string) => <ProblemLines problems={problems.filter((p) => p.prop === prop)} testId={testId} />;

/** 加急, 满意度系数 and 返利: the optional parts of a tier, each switched on where it applies. */
export const Extras = ({ model, problems, disabled, onChange }: Props) => {
  const t = useT();
  const rush: ModelDraft | null = model.rush && typeof model.rush === 'object' ? model.rush : null;
  const satisfaction: Record<string, string> = model.satisfaction && typeof model.satisfaction === 'object' ? model.satisfaction : {};
  const rebates: ModelDraft[] = Array.isArray(model.rebates) ? model.rebates : [];
  const parties: string[] = (Array.isArray(model.split) ? model.split : []).map((l: ModelDraft) => l?.party).filter(Boolean);
  const setRush = (patch: ModelDraft) => onChange({ ...model, rush: { ...rush, ...patch } });
  return (
    <>
      <Section
        title={t('tier.rush')}
        hint={t('tier.rush.hint')}
        problems={problems.rush.filter((p) => p.prop === '')}
        testId="tier-rush"
        action={
          <Checkbox
            checked={!!rush}
            disabled={disabled}
            data-testid="tier-rush-on"
            onCheckedChange={(on: boolean) => onChange(withoutEmpty(model, 'rush', on === true ? { priorities: ['urgent'], fixedFen: 2000 } : null))}
          >
            {t('tier.rush.on')}
          </Checkbox>
        }
      >
        {rush && (
          <Flex gap={2} alignItems="flex-start" wrap="wrap">
            <Box flex={1} minWidth="12rem">
              <MultiSelect
                aria-label={t('tier.rush.priorities')}
                placeholder={t('tier.rush.priorities')}
                withTags
                value={Array.isArray(rush.priorities) ? rush.priorities : []}
                disabled={disabled}
                onChange={(v: string[]) => onChange({ ...model, rush: withoutEmpty(rush, 'priorities', v) })}
              >
                {PRIORITIES.map((p) => (
                  <MultiSelectOption key={p} value={p}>
                    {t(`tickets.priority.${p}`)}
                  </MultiSelectOption>
                ))}
              </MultiSelect>
              {lines(problems.rush, 'priorities', 'tier-rush-error-priorities')}
            </Box>
            <Box flex={1} minWidth="10rem">
              <NumberInput
                aria-label={t('tier.rush.withinHours')}
                placeholder={t('tier.rush.withinHours')}
                value={rush.withinHours}
                disabled={disabled}
                onValueChange={(v: number | undefined) => onChange({ ...model, rush: withoutEmpty(rush, 'withinHours', v) })}
              />
              {lines(problems.rush, 'withinHours', 'tier-rush-error-withinHours')}
            </Box>
            <Box flex={1} minWidth="10rem">
              <SingleSelect
                aria-label={t('tier.rush.kind')}
                value={rush.rate !== undefined ? 'rate' : 'fixed'}
                disabled={disabled}
                onChange={(v: string | number) => {
                  const { fixedFen: _f, rate: _r, ...rest } = rush;
                  onChange({ ...model, rush: v === 'rate' ? { ...rest, rate: '0.2' } : { ...rest, fixedFen: 2000 } });
                }}
              >
                <SingleSelectOption value="fixed">{t('tier.rush.kind.fixed')}</SingleSelectOption>
                <SingleSelectOption value="rate">{t('tier.rush.kind.rate')}</SingleSelectOption>
              </SingleSelect>
            </Box>
            <Box flex={1} minWidth="10rem">
              {rush.rate !== undefined ? (
                <PercentInput aria-label={t('tier.rush.rate')} rate={rush.rate} disabled={disabled} onChange={(rate) => setRush({ rate: rate ?? '0' })} />
              ) : (
                <MoneyInput aria-label={t('tier.rush.fixed')} value={rush.fixedFen} disabled={disabled} onChange={(fixedFen) => setRush({ fixedFen: fixedFen ?? 0 })} />
              )}
              {lines(problems.rush, rush.rate !== undefined ? 'rate' : 'fixedFen', 'tier-rush-error-amount')}
            </Box>
          </Flex>
        )}
      </Section>

      <Section title={t('tier.satisfaction')} hint={t('tier.satisfaction.hint')} problems={problems.satisfaction.filter((p) => p.prop === '')} testId="tier-satisfaction">
        <Flex gap={2} alignItems="flex-start">
          {['1', '2', '3', '4', '5'].map((score) => (
            <Box key={score} flex={1}>
              <Typography variant="pi">{t('tier.satisfaction.score', { score })}</Typography>
              <NumberInput
                aria-label={t('tier.satisfaction.score', { score })}
                placeholder="1"
                step={0.01}
                value={satisfaction[score] !== undefined && !Number.isNaN(Number(satisfaction[score])) ? Number(satisfaction[score]) : undefined}
                disabled={disabled}
                // A coefficient's digits as typed (1.05 → "1.05"): JavaScript prints a typed decimal back exactly.
                onValueChange={(v: number | undefined) =>
                  onChange(
                    withoutEmpty(
                      model,
                      'satisfaction',
                      Object.keys(withoutEmpty(satisfaction, score, v === undefined ? undefined : String(v))).length
                        ? withoutEmpty(satisfaction, score, v === undefined ? undefined : String(v))
                        : null,
                    ),
                  )
                }
              />
              {lines(problems.satisfaction, score, `tier-satisfaction-error-${score}`)}
            </Box>
          ))}
        </Flex>
      </Section>

      <Section title={t('tier.rebates')} hint={t('tier.rebates.hint')} problems={problems.rebates.get(-1) ?? []} testId="tier-rebates">
        {rebates.map((rebate, i) => (
          <Box key={i}>
            <Flex gap={2} alignItems="center">
              <Typography variant="omega">{t('tier.rebates.over')}</Typography>
              <Box flex={1}>
                <MoneyInput
                  aria-label={t('tier.rebates.overFen', { n: i + 1 })}
                  value={rebate.overFen}
                  disabled={disabled}
                  onChange={(overFen) => onChange({ ...model, rebates: rebates.map((r, j) => (j === i ? { ...r, overFen: overFen ?? 0 } : r)) })}
                />
              </Box>
              <Box flex={1}>
                <PercentInput
                  aria-label={t('tier.rebates.rate', { n: i + 1 })}
                  rate={rebate.rate}
                  disabled={disabled}
                  onChange={(rate) => onChange({ ...model, rebates: rebates.map((r, j) => (j === i ? { ...r, rate: rate ?? '0' } : r)) })}
                />
              </Box>
              <IconButton
                label={t('tier.remove')}
                variant="ghost"
                disabled={disabled}
                onClick={() =>
                  onChange(
                    withoutEmpty(
                      model,
                      'rebates',
                      rebates.filter((_, j) => j !== i),
                    ),
                  )
                }
              >
                <Trash />
              </IconButton>
            </Flex>
            <ProblemLines problems={problems.rebates.get(i) ?? []} testId={`tier-rebate-${i}-error`} />
          </Box>
        ))}
        <Flex gap={2}>
          <AddButton
            label={t('tier.rebates.add')}
            disabled={disabled}
            onClick={() => onChange({ ...model, rebates: [...rebates, { overFen: (Number(rebates[rebates.length - 1]?.overFen) || 0) + 1000000, rate: '0.01' }] })}
          />
          {rebates.length > 0 && (
            <Box minWidth="12rem">
              <SingleSelect
                aria-label={t('tier.rebates.party')}
                placeholder={t('tier.rebates.party')}
                value={model.rebateParty ?? ''}
                disabled={disabled}
                onChange={(v: string | number) => onChange(withoutEmpty(model, 'rebateParty', v === '' ? null : String(v)))}
              >
                <SingleSelectOption value="">{t('tier.rebates.party.default')}</SingleSelectOption>
                {parties.map((p) => (
                  <SingleSelectOption key={p} value={p}>
                    {PARTIES.includes(p) ? t(`tier.party.${p}`) : p}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
          )}
        </Flex>
      </Section>
    </>
  );
};
