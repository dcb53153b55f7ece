import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { messagesOf } from '../../board/types';
import type { Problem } from '../../tickets/types';
import type { Customer360, NewOpportunity } from './types';

/**
 * The 360° panel of a ticket, read when the page opens and again whenever the ticket's version
 * moves (the detail page's own refresh notices changes made elsewhere): not on every tick, since
 * each read asks WeCom for the contact.
 */
export const useCustomer360 = (documentId: string, version: number | undefined, onChanged: () => void) => {
  const { get, post } = useFetchClient();
  const [panel, setPanel] = useState<Customer360 | null>(null);
  const [loadError, setLoadError] = useState<string[]>([]);
  const reads = useRef(0);
  const base = `/scrm-tickets/tickets/${encodeURIComponent(documentId)}`;

  const load = useCallback(async () => {
    const mine = ++reads.current;
    try {
      const res = await get(`${base}/customer`);
      if (mine === reads.current) {
        setPanel((res.data as { data: Customer360 }).data);
        setLoadError([]);
      }
    } catch (error) {
      if (mine === reads.current) setLoadError(messagesOf(error));
    }
  }, [get, base]);

  // Nothing to read before the ticket itself has come.
  useEffect(() => {
    if (version !== undefined) load();
  }, [load, version]);

  /** Resolves to null when made, else to the refusal: its lines and the fields it names. */
  const createOpportunity = async (body: NewOpportunity): Promise<{ lines: string[]; problems: Problem[]; status?: number } | null> => {
    try {
      await post(`${base}/opportunity`, { ...body, version });
      return null;
    } catch (error: any) {
      return { lines: messagesOf(error), problems: error?.response?.data?.error?.details?.errors ?? [], status: error?.status };
    } finally {
      // The ticket's version moved with its new link: the page reads it, and with it this panel.
      onChanged();
    }
  };

  return { panel, loadError, createOpportunity };
};
