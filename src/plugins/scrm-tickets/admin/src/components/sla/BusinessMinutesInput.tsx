import { Box, Field, Flex, NumberInput, Typography } from '@strapi/design-system';
import type { CustomFieldProps } from '../editors/useConfigValue';
import { useT } from '../tickets/useT';
import { joinMinutes, splitMinutes } from './model';

/**
 * An SLA target typed as hours and minutes of business time and stored as whole minutes (4 h →
 * 240). Strapi checks the attribute's own minimum; its message shows under the input.
 */
export const BusinessMinutesInput = ({ name, value, onChange, error, disabled, required }: CustomFieldProps) => {
  const t = useT();
  const { hours, minutes } = splitMinutes(typeof value === 'number' ? value : null);
  const set = (h: number | undefined, m: number | undefined) => onChange(name, joinMinutes(h, m));
  return (
    <Field.Root name={name} error={error} hint={t('sla.minutes.hint')} required={required}>
      <Field.Label>{t(`sla.minutes.${name}`)}</Field.Label>
      <Flex gap={2} data-testid={`sla-${name}`}>
        <Box flex={1}>
          <NumberInput
            aria-label={t('sla.minutes.hours', { target: t(`sla.minutes.${name}`) })}
            value={hours}
            disabled={disabled}
            data-testid={`sla-${name}-hours`}
            endAction={<Typography textColor="neutral600">{t('sla.minutes.h')}</Typography>}
            onValueChange={(h: number | undefined) => set(h, minutes)}
          />
        </Box>
        <Box flex={1}>
          <NumberInput
            aria-label={t('sla.minutes.minutes', { target: t(`sla.minutes.${name}`) })}
            value={minutes}
            disabled={disabled}
            data-testid={`sla-${name}-minutes`}
            endAction={<Typography textColor="neutral600">{t('sla.minutes.m')}</Typography>}
            onValueChange={(m: number | undefined) => set(hours, m)}
          />
        </Box>
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

export default BusinessMinutesInput;
