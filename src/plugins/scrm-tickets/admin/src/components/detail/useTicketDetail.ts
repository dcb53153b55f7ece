import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { messagesOf } from '../board/types';
import { useT, type Translate } from '../tickets/useT';
import type { Detail, Refusal, TicketUpdate } from './types';
import { useWhileVisible } from '../tickets/useWhileVisible';

const REFRESH_MS = 10_000;

const refusalOf = (error: any, t: Translate): Refusal => ({
  status: error?.status,
  // A stale version is no mistake of the user's: say what happened rather than the server's words.
  lines: error?.status === 409 ? [t('detail.conflict')] : messagesOf(error),
  problems: error?.response?.data?.error?.details?.errors ?? [],
});

/**
 * One ticket's detail, read again every 10 s while the tab is visible, no edit is open (`editing`)
 * and no action awaits the server. Each action reads the ticket again when it settles, refused or
 * not, and resolves to the refusal (also kept in `refusal` for the page's alert) or null.
 */
export const useTicketDetail = (documentId: string, editing: boolean) => {
  const t = useT();
  const { get, put, post } = useFetchClient();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [loadError, setLoadError] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // Bumped by each read: only the latest one's answer is shown (a refresh begun before an action
  // could land after the action's own read, with the ticket as it was).
  const reads = useRef(0);
  const paused = useRef(false);
  paused.current = editing || busy;

  const load = useCallback(async () => {
    const mine = ++reads.current;
    try {
      const res = await get(`/scrm-tickets/tickets/${encodeURIComponent(documentId)}/detail`);
      if (mine === reads.current) setDetail((res.data as { data: Detail }).data);
    } catch (error) {
      // Shown only while there is no ticket on screen: a failed refresh leaves the page as it was.
      if (mine === reads.current) setLoadError(messagesOf(error));
    }
  }, [get, documentId]);

  useEffect(() => {
    load();
  }, [load]);
  const refresh = useCallback(() => {
    if (!paused.current) load();
  }, [load]);
  useWhileVisible(refresh, REFRESH_MS);

  const act = async (request: () => Promise<unknown>): Promise<Refusal | null> => {
    setBusy(true);
    setRefusal([]);
    try {
      await request();
      return null;
    } catch (error) {
      const refused = refusalOf(error, t);
      setRefusal(refused.lines);
      return refused;
    } finally {
      await load();
      setBusy(false);
    }
  };

  // Files already uploaded by an earlier, refused try keep their ids and are not sent again.
  const uploads = useRef(new WeakMap<File, number>());
  const uploaded = async (files: File[]): Promise<number[]> => {
    const todo = files.filter((file) => !uploads.current.has(file));
    if (todo.length) {
      const form = new FormData();
      todo.forEach((file) => form.append('files', file));
      // The Media Library's own admin route (plugin::upload.assets.create), as Strapi's editors upload.
      const res = await post('/upload', form);
      (res.data as { id: number }[]).forEach((saved, i) => uploads.current.set(todo[i], saved.id));
    }
    return files.map((file) => uploads.current.get(file) as number);
  };

  const base = `/scrm-tickets/tickets/${encodeURIComponent(documentId)}`;
  // Actions other than an edit send the version on screen: the one the user decided on.
  const version = detail?.ticket.version;
  return {
    detail,
    loadError,
    reload: load,
    refusal,
    dismissRefusal: () => setRefusal([]),
    busy,
    update: (body: TicketUpdate) => act(() => put(base, body)),
    comment: (body: string, visibility: 'public' | 'internal', files: File[] = []) =>
      act(async () => post(`${base}/comments`, { body, visibility, attachments: await uploaded(files) })),
    assign: (assignee: number | null) => act(() => post(`${base}/assign`, { assignee, version })),
    transition: (to: string) => act(() => post(`${base}/transitions`, { to, version })),
    decide: (decision: 'approve' | 'reject', reason: string) =>
      act(() => post(`${base}/approvals`, { decision, reason: reason || undefined, version })),
  };
};

export type DetailApi = ReturnType<typeof useTicketDetail>;
