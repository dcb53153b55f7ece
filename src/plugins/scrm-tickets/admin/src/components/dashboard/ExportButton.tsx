import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useT } from '../tickets/useT';

/**
 * Downloads a report table as Excel. The admin API wants the admin's token, which a plain link
 * would not send: the workbook is fetched as a blob and handed to the browser as a file.
 */
export const ExportButton = ({ query, table, extra = '', label }: { query: string; table: string; extra?: string; label: string }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const res = await get(`/scrm-tickets/reports/export?${query}&table=${table}${extra}&format=xlsx`, { responseType: 'blob' } as never);
      const url = URL.createObjectURL(res.data as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${table}.xlsx`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      toggleNotification({ type: 'danger', message: t('dashboard.exportFailed') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="tertiary" startIcon={<Download />} loading={busy} onClick={download} data-testid={`export-${table}`}>
      {label}
    </Button>
  );
};
