import { NumberInput, Typography } from '@strapi/design-system';

/**
 * An amount typed in yuan and held in fen, as the server stores money. Rounding the product is
 * exact for any amount with at most two decimals below 10^13 fen (far beyond a ticket's).
 */
export const MoneyInput = ({
  value,
  onChange,
  ...rest
}: {
  value: number | null | undefined;
  onChange: (fen: number | null) => void;
  name?: string;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
}) => (
  <NumberInput
    {...rest}
    step={0.01}
    startAction={<Typography textColor="neutral600">¥</Typography>}
    value={typeof value === 'number' ? value / 100 : undefined}
    onValueChange={(yuan: number | undefined) => onChange(yuan === undefined ? null : Math.round(yuan * 100))}
  />
);
