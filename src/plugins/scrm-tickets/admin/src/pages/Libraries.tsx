import { useEffect, useState, type ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { Page, Layouts, useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { getTranslation } from '../utils/getTranslation';

// Project libraries: upload a file (or pick a preset) → the server's plan, item by item with the
// settings that change → import. The server checks and applies (services/libraries.ts); this page
// only shows what it answers, errors with their JSON pointers included.

interface Change {
  field: string;
  before: unknown;
  after: unknown;
  conflict?: true;
}
interface Item {
  section: string;
  key: string;
  action: 'add' | 'change' | 'same' | 'conflict' | 'pinned';
  changes: Change[];
}
interface Problem {
  pointer: string;
  message: string;
}
type Source = { text: string } | { preset: string };

const BADGE: Record<Item['action'], [string, string]> = {
  add: ['success100', 'success700'],
  change: ['primary100', 'primary700'],
  same: ['neutral150', 'neutral700'],
  conflict: ['danger100', 'danger700'],
  pinned: ['warning100', 'warning700'],
};
const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export const LibrariesPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, values?: Record<string, unknown>) => formatMessage({ id: getTranslation(id), defaultMessage: id }, values as never);
  const { get, post } = useFetchClient();
  const [presets, setPresets] = useState<{ preset: string; name: { 'zh-Hans': string; en?: string } }[]>([]);
  const [source, setSource] = useState<Source | null>(null);
  const [plan, setPlan] = useState<{ key: string; version: string; items: Item[] } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<Record<string, number> | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<{ data: typeof presets }>('/scrm-tickets/libraries/presets')
      .then((res) => setPresets(res.data.data))
      .catch(() => setPresets([]));
  }, [get]);

  /** Calls the server; a 400 becomes the list of problems with their pointers. */
  const call = async (path: string, body: Source) => {
    setBusy(true);
    setProblems([]);
    try {
      return (await post<{ data: any }>(path, body)).data.data;
    } catch (error: any) {
      const details = error?.response?.data?.error;
      setProblems(details?.details?.errors ?? [{ pointer: '', message: details?.message ?? String(error?.message ?? error) }]);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const preview = async (next: Source) => {
    setSource(next);
    setResult(null);
    setPlan(await call('/scrm-tickets/libraries/preview', next));
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) await preview({ text: await file.text() });
  };

  const apply = async () => {
    if (!source) return;
    const done = await call('/scrm-tickets/libraries/import', source);
    if (done) {
      setResult(done);
      setPlan(null);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('libraries.title')}</Page.Title>
      <Layouts.Header title={t('libraries.title')} subtitle={t('libraries.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex gap={6} alignItems="flex-end" wrap="wrap">
              <Flex direction="column" alignItems="flex-start" gap={2}>
                <Typography variant="pi" fontWeight="bold">{t('libraries.upload')}</Typography>
                <input type="file" accept=".json,.yaml,.yml" data-testid="library-file" onChange={onFile} />
              </Flex>
              <Flex direction="column" alignItems="flex-start" gap={2}>
                <Typography variant="pi" fontWeight="bold">{t('libraries.preset')}</Typography>
                <SingleSelect
                  aria-label={t('libraries.preset')}
                  placeholder={t('libraries.preset.placeholder')}
                  value={source && 'preset' in source ? source.preset : null}
                  onChange={(value: string | number) => preview({ preset: String(value) })}
                >
                  {presets.map((p) => (
                    <SingleSelectOption key={p.preset} value={p.preset}>
                      {p.name['zh-Hans']}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Flex>
            </Flex>
          </Box>

          {problems.length > 0 && (
            <Box background="danger100" padding={4} hasRadius data-testid="library-problems">
              <Typography variant="omega" fontWeight="bold">{t('libraries.problems', { count: problems.length })}</Typography>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>
                    <Typography variant="pi"><code>{p.pointer || '/'}</code> {p.message}</Typography>
                  </li>
                ))}
              </ul>
            </Box>
          )}

          {result && (
            <Box background="success100" padding={4} hasRadius data-testid="library-result">
              <Typography>{t('libraries.result', result)}</Typography>
            </Box>
          )}

          {plan && (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex justifyContent="space-between" paddingBottom={4}>
                <Typography variant="delta">{plan.key} {plan.version}</Typography>
                <Button onClick={apply} loading={busy} disabled={!plan.items.some((i) => i.action !== 'same')}>
                  {t('libraries.import')}
                </Button>
              </Flex>
              <Table colCount={4} rowCount={plan.items.length + 1} data-testid="library-plan">
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('libraries.section')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('libraries.key')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('libraries.action')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('libraries.changes')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {plan.items.map((item) => (
                    <Tr key={`${item.section}/${item.key}`}>
                      <Td><Typography>{t(`libraries.section.${item.section}`)}</Typography></Td>
                      <Td><Typography>{item.key}</Typography></Td>
                      <Td>
                        <Badge backgroundColor={BADGE[item.action][0]} textColor={BADGE[item.action][1]}>
                          {t(`libraries.action.${item.action}`)}
                        </Badge>
                      </Td>
                      <Td>
                        {item.changes.map((c) => (
                          <Typography key={c.field} variant="pi" tag="div" textColor={c.conflict ? 'danger600' : undefined}>
                            {c.field}: {show(c.before)} → {show(c.after)}
                          </Typography>
                        ))}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

/** The page behind the menu link: only for admins holding library.manage. */
export const App = () => (
  <Page.Protect permissions={[{ action: 'plugin::scrm-tickets.library.manage', subject: null }]}>
    <LibrariesPage />
  </Page.Protect>
);
