import { useState, type ChangeEvent } from 'react';
import { Box, Button, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { childLevel, LEVELS, type RegionRow } from './model';

/** A new region under `parent` (or at the top): its name, code and level; the server's refusal shown under it. */
export const AddRegion = ({
  parent,
  onAdd,
  onCancel,
}: {
  parent: RegionRow | null;
  onAdd: (region: Pick<RegionRow, 'code' | 'name' | 'level'>) => Promise<string[] | null>;
  onCancel: () => void;
}) => {
  const t = useT();
  const [name, setName] = useState('');
  const [code, setCode] = useState(parent ? `${parent.code}-` : '');
  const [level, setLevel] = useState<RegionRow['level']>(parent ? childLevel(parent.level) : 'area');
  const [refused, setRefused] = useState<string[]>([]);
  return (
    <Box padding={3} hasRadius background="primary100" data-testid="region-new">
      <Typography fontWeight="bold">{parent ? t('regions.new.under', { name: parent.name }) : t('regions.new.top')}</Typography>
      <Flex gap={2} paddingTop={2} alignItems="flex-start">
        <TextInput
          aria-label={t('regions.new.name')}
          placeholder={t('regions.new.name')}
          value={name}
          data-testid="region-new-name"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
        />
        <TextInput
          aria-label={t('regions.new.code')}
          placeholder={t('regions.new.code')}
          value={code}
          data-testid="region-new-code"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setCode(e.target.value.trim())}
        />
        <SingleSelect aria-label={t('regions.new.level')} value={level} onChange={(v: string | number) => setLevel(v as RegionRow['level'])}>
          {LEVELS.map((l) => (
            <SingleSelectOption key={l} value={l}>
              {t(`regions.level.${l}`)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Button disabled={!name || !code} data-testid="region-new-save" onClick={async () => setRefused((await onAdd({ name, code, level })) ?? [])}>
          {t('regions.new.add')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('regions.new.cancel')}
        </Button>
      </Flex>
      {refused.map((m, i) => (
        <Typography key={i} variant="pi" textColor="danger600" tag="p" data-testid="region-new-refused">
          {m}
        </Typography>
      ))}
    </Box>
  );
};
