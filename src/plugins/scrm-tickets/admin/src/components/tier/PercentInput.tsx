import { NumberInput, Typography } from '@strapi/design-system';
import { percentOf, rateOf } from './model';

/** A rate typed as a percentage (5 %) and stored as the decimal string the model holds ("0.05"). */
export const PercentInput = ({
  rate,
  onChange,
  ...rest
}: {
  rate: unknown;
  onChange: (rate: string | undefined) => void;
  disabled?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
}) => (
  <NumberInput
    {...rest}
    step={0.1}
    endAction={<Typography textColor="neutral600">%</Typography>}
    value={percentOf(rate)}
    onValueChange={(p: number | undefined) => onChange(rateOf(p))}
  />
);
