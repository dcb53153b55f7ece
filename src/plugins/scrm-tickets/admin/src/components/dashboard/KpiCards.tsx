import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import type { Format } from './format';
import type { Counted } from './drilldown';
import type { Figures } from './types';

interface Card {
  id: string;
  value: string;
  hint?: string;
  /** The tickets behind the number, when there is such a list. */
  counted?: Counted;
}

const cardsOf = (f: Figures, fmt: Format, t: ReturnType<typeof useT>): Card[] => [
  { id: 'created', value: fmt.count(f.created), counted: 'created' },
  { id: 'resolved', value: fmt.count(f.resolved), counted: 'done' },
  { id: 'open', value: fmt.count(f.open), hint: t('dashboard.kpi.backlogAge', { age: fmt.duration(f.backlogAgeSeconds?.p50 ?? null) }), counted: 'open' },
  { id: 'completionRate', value: fmt.rate(f.completionRate), hint: t('dashboard.kpi.reopenRate', { rate: fmt.rate(f.reopenRate) }), counted: 'created' },
  { id: 'firstResponse', value: fmt.duration(f.firstResponseSeconds.p50), hint: t('dashboard.kpi.p90', { value: fmt.duration(f.firstResponseSeconds.p90) }) },
  { id: 'resolution', value: fmt.duration(f.resolutionSeconds.p50), hint: t('dashboard.kpi.p90', { value: fmt.duration(f.resolutionSeconds.p90) }) },
  { id: 'slaMetRate', value: fmt.rate(f.slaMetRate), hint: t('dashboard.kpi.slaOf', { met: f.slaMet, total: f.slaTotal }), counted: 'done' },
  { id: 'csat', value: fmt.score(f.csat.average), hint: t('dashboard.kpi.rated', { n: f.csat.rated }), counted: 'done' },
  { id: 'revenue', value: fmt.money(f.revenueFen), hint: t('dashboard.kpi.cost', { cost: fmt.money(f.costFen) }), counted: 'closed' },
  { id: 'profitPerTicket', value: fmt.money(f.profitPerTicketFen), hint: t('dashboard.kpi.profit', { profit: fmt.money(f.profitFen) }), counted: 'closed' },
];

/** The period's headline numbers; a card with a ticket list behind it opens that list. */
export const KpiCards = ({ figures, format, onDrill }: { figures: Figures; format: Format; onDrill: (counted: Counted) => void }) => {
  const t = useT();
  return (
    <Grid.Root gap={4}>
      {cardsOf(figures, format, t).map((card) => (
        <Grid.Item key={card.id} col={3} s={6} xs={12}>
          <Box
            background="neutral0"
            padding={4}
            shadow="tableShadow"
            hasRadius
            width="100%"
            data-testid={`kpi-${card.id}`}
            onClick={card.counted ? () => onDrill(card.counted!) : undefined}
            style={{ cursor: card.counted ? 'pointer' : undefined }}
          >
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography variant="sigma" textColor="neutral600">
                {t(`dashboard.kpi.${card.id}`)}
              </Typography>
              <Typography variant="alpha" tag="p" data-testid={`kpi-${card.id}-value`}>
                {card.value}
              </Typography>
              <Typography variant="pi" textColor="neutral600">
                {card.hint ?? '\u00a0'}
              </Typography>
            </Flex>
          </Box>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
