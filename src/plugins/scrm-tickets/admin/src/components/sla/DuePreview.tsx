import { useMemo } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useShanghaiTime } from '../tickets/useShanghaiTime';
import { useT } from '../tickets/useT';
import { dueAfter, splitMinutes } from './model';

const TARGETS = ['firstResponseMinutes', 'nextReplyMinutes', 'resolutionMinutes'] as const;

/**
 * What the policy means for a ticket reported now: each target's due time on this calendar,
 * in Shanghai time — so 4 business hours on a Friday evening reads as Monday noon.
 */
export const DuePreview = ({ schedule }: { schedule: unknown }) => {
  const t = useT();
  const format = useShanghaiTime();
  const targets = TARGETS.map((name) => ({ name, minutes: useField(name).value as number | null | undefined }));
  const now = useMemo(() => new Date(), [schedule]);
  const rows = targets.filter((x) => typeof x.minutes === 'number' && x.minutes > 0).map((x) => ({ ...x, due: dueAfter(schedule, x.minutes as number, now) }));
  return (
    <Box padding={3} hasRadius background="primary100" data-testid="sla-preview">
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Typography fontWeight="bold">{t('sla.preview', { now: format(now.toISOString()) })}</Typography>
        {rows.length === 0 && <Typography variant="pi">{t('sla.preview.noTargets')}</Typography>}
        {rows.map((r) => {
          const { hours, minutes } = splitMinutes(r.minutes);
          return (
            <Typography key={r.name} variant="pi" data-testid={`sla-preview-${r.name}`}>
              {r.due ? t('sla.preview.due', { target: t(`sla.minutes.${r.name}`), hours, minutes, due: format(r.due.toISOString()) }) : t('sla.preview.invalid')}
            </Typography>
          );
        })}
      </Flex>
    </Box>
  );
};
