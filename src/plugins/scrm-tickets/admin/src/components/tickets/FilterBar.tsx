import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { FilterSelect, type Option } from './FilterSelect';
import { useSourceLabel } from './useSourceLabel';
import { SearchInput } from './SearchInput';
import { localize, PRIORITIES, SLA_RISKS, SORTS, type Facets } from './types';
import { useT } from './useT';
import { FILTERS, type Filter, type Param } from './useTicketParams';

interface Props {
  facets: Facets;
  value: (param: Param) => string;
  onChange: (param: Param, value: string, replace?: boolean) => void;
  onClear: () => void;
  filtered: boolean;
}

/** Each select filter: its options from the facets (or fixed by the API) in the admin's language. */
const useOptions = (facets: Facets): Record<Filter, Option[]> => {
  const t = useT();
  const { locale } = useIntl();
  const sourceLabel = useSourceLabel();
  return {
    state: facets.states.map((s) => ({ value: s.key, label: localize(s.label, locale) })),
    priority: PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) })),
    template: facets.templates.map((tpl) => ({ value: tpl.key, label: tpl.name })),
    source: facets.sources.map((s) => ({ value: s, label: sourceLabel(s) })),
    region: facets.regions.map((r) => ({ value: r.code, label: r.name })),
    assignee: [
      { value: 'me', label: t('tickets.assignee.me') },
      { value: 'none', label: t('tickets.assignee.none') },
      ...facets.assignees.map((a) => ({ value: String(a.id), label: a.name })),
    ],
    sla: SLA_RISKS.map((risk) => ({ value: risk, label: t(`tickets.sla.${risk}`) })),
  };
};

export const FilterBar = ({ facets, value, onChange, onClear, filtered }: Props) => {
  const t = useT();
  const options = useOptions(facets);
  const submitSearch = useCallback((q: string) => onChange('q', q, true), [onChange]);
  return (
    <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
      <Flex gap={3} alignItems="flex-end" wrap="wrap">
        <SearchInput value={value('q')} onSubmit={submitSearch} />
        {FILTERS.map((param) => (
          <FilterSelect
            key={param}
            param={param}
            label={t(`tickets.filter.${param}`)}
            value={value(param)}
            options={options[param]}
            onChange={(v) => onChange(param, v)}
          />
        ))}
        <FilterSelect
          param="sort"
          label={t('tickets.filter.sort')}
          value={value('sort')}
          options={Object.entries(SORTS).map(([sort, key]) => ({ value: sort, label: t(`tickets.sort.${key}`) }))}
          onChange={(v) => onChange('sort', v)}
          clearable={false}
        />
        <Button variant="tertiary" size="L" startIcon={<Cross />} onClick={onClear} disabled={!filtered} data-testid="clear-filters">
          {t('tickets.filters.clear')}
        </Button>
      </Flex>
    </Box>
  );
};
