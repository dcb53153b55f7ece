import { useState, type ChangeEvent } from 'react';
import { Badge, Box, Button, Flex, NumberInput, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useT } from '../tickets/useT';
import { coefficientProblem, type RegionRow } from './model';

interface Props {
  row: RegionRow;
  depth: number;
  onSave: (patch: Partial<RegionRow>) => Promise<string[] | null>;
  onAddChild: () => void;
}

/**
 * One region of the tree: its own coefficient (empty: inherited) and city tier, editable in place
 * and saved together; the coefficient in force beside them; the server's refusal under the row.
 */
export const RegionLine = ({ row, depth, onSave, onAddChild }: Props) => {
  const t = useT();
  const [coefficient, setCoefficient] = useState(row.priceCoefficient ?? '');
  const [tier, setTier] = useState<number | undefined>(row.cityTier ?? undefined);
  const [refused, setRefused] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const problem = coefficientProblem(coefficient);
  const changed = coefficient !== (row.priceCoefficient ?? '') || (tier ?? null) !== (row.cityTier ?? null);
  const save = async () => {
    setSaving(true);
    setRefused((await onSave({ priceCoefficient: coefficient === '' ? null : coefficient, cityTier: tier ?? null })) ?? []);
    setSaving(false);
  };
  return (
    <Box paddingTop={2} paddingBottom={2} paddingLeft={2} borderColor="neutral150" data-testid={`region-${row.code}`}>
      <Flex gap={3} alignItems="flex-start">
        {/* Indented within its own column, so the settings line up whatever the depth. */}
        <Box width="16rem" paddingLeft={depth * 6}>
          <Flex gap={2}>
            <Typography fontWeight={depth === 0 ? 'bold' : undefined}>{row.name}</Typography>
            <Badge>{t(`regions.level.${row.level}`)}</Badge>
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {row.code}
          </Typography>
        </Box>
        <Box width="9rem">
          <NumberInput aria-label={t('regions.cityTier.of', { name: row.name })} placeholder="—" value={tier} onValueChange={(v: number | undefined) => setTier(v)} />
        </Box>
        <Box width="11rem">
          <TextInput
            aria-label={t('regions.coefficient.of', { name: row.name })}
            placeholder={t('regions.coefficient.inherit')}
            value={coefficient}
            data-testid={`region-${row.code}-coefficient`}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setCoefficient(e.target.value.trim())}
          />
          {problem && (
            <Typography variant="pi" textColor="danger600" data-testid={`region-${row.code}-error`}>
              {t(problem)}
            </Typography>
          )}
        </Box>
        <Box width="9rem" paddingTop={2}>
          <Typography data-testid={`region-${row.code}-effective`}>× {row.effectiveCoefficient}</Typography>
          {!row.priceCoefficient && (
            <Typography variant="pi" textColor="neutral600">
              {t('regions.inherited')}
            </Typography>
          )}
        </Box>
        <Button variant="secondary" size="S" disabled={!changed || !!problem} loading={saving} data-testid={`region-${row.code}-save`} onClick={save}>
          {t('regions.save')}
        </Button>
        <Button variant="tertiary" size="S" startIcon={<Plus />} data-testid={`region-${row.code}-add`} onClick={onAddChild}>
          {t('regions.addChild')}
        </Button>
      </Flex>
      {refused.map((m, i) => (
        <Typography key={i} variant="pi" textColor="danger600" tag="p" data-testid={`region-${row.code}-refused`}>
          {m}
        </Typography>
      ))}
    </Box>
  );
};
