import { useState } from 'react';
import { Page, Layouts } from '@strapi/strapi/admin';
import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { AddRegion } from '../components/regions/AddRegion';
import { treeOrder, type RegionRow } from '../components/regions/model';
import { RegionLine } from '../components/regions/RegionLine';
import { useRegionTree } from '../components/regions/useRegionTree';
import { Problems } from '../components/tickets/Problems';
import { useT } from '../components/tickets/useT';

// 区域与系数: the regions as a tree (大区 → 省 → 市 → 门店), each region's price coefficient set in
// place, the coefficient in force shown beside it (inherited down the tree), children added under
// their parent. Changes go through the Content Manager's routes, like a region's edit page.

export const RegionsPage = () => {
  const t = useT();
  const { rows, problems, update, add } = useRegionTree();
  // Where a new region is being added: under a region, at the top (null), or nowhere (undefined).
  const [adding, setAdding] = useState<RegionRow | null | undefined>(undefined);
  const form = (parent: RegionRow | null) => (
    <AddRegion
      key={parent?.id ?? 'top'}
      parent={parent}
      onCancel={() => setAdding(undefined)}
      onAdd={async (region) => {
        const refused = await add(parent, region);
        if (!refused) setAdding(undefined);
        return refused;
      }}
    />
  );
  return (
    <Page.Main>
      <Page.Title>{t('regions.title')}</Page.Title>
      <Layouts.Header
        title={t('regions.title')}
        subtitle={t('regions.subtitle')}
        primaryAction={
          <Button startIcon={<Plus />} data-testid="region-add-top" onClick={() => setAdding(null)}>
            {t('regions.addTop')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={2}>
          {problems.length > 0 && <Problems problems={problems.map((message) => ({ path: [], message }))} />}
          {adding === null && form(null)}
          {!rows && !problems.length && <Loader>{t('regions.loading')}</Loader>}
          {rows && rows.length === 0 && <Typography textColor="neutral600">{t('regions.empty')}</Typography>}
          {rows && (
            <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius data-testid="region-tree">
              <Flex gap={3} paddingLeft={2} paddingBottom={2}>
                <Box width="16rem">
                  <Typography variant="sigma">{t('regions.column.region')}</Typography>
                </Box>
                <Box width="9rem">
                  <Typography variant="sigma">{t('regions.cityTier')}</Typography>
                </Box>
                <Box width="11rem">
                  <Typography variant="sigma">{t('regions.coefficient')}</Typography>
                </Box>
                <Box width="9rem">
                  <Typography variant="sigma">{t('regions.effective')}</Typography>
                </Box>
              </Flex>
              {treeOrder(rows).map(({ row, depth }) => (
                <Box key={`${row.id}:${row.priceCoefficient}:${row.cityTier}`}>
                  <RegionLine row={row} depth={depth} onSave={(patch) => update(row.documentId, patch)} onAddChild={() => setAdding(row)} />
                  {adding?.id === row.id && form(row)}
                </Box>
              ))}
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export const App = RegionsPage;
