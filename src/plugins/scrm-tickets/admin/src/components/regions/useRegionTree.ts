import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { REGION_UID } from '../../../../server/src/constants';
import { messagesOf } from '../board/types';
import type { RegionRow } from './model';

const CM = `/content-manager/collection-types/${REGION_UID}`;

/**
 * The region tree (GET /scrm-tickets/regions, with each region's coefficient in force), and its
 * changes through the Content Manager's own routes — so the same permissions, validation and
 * document-service middlewares apply as on a region's edit page. After a change the tree is read
 * again: an inherited coefficient may have changed below it.
 */
export function useRegionTree() {
  const { get, put, post } = useFetchClient();
  const [rows, setRows] = useState<RegionRow[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const load = useCallback(async () => {
    try {
      setRows(((await get('/scrm-tickets/regions')).data as { data: RegionRow[] }).data);
      setProblems([]);
    } catch (error) {
      setProblems(messagesOf(error));
    }
  }, [get]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Saves a region's settings; answers the server's refusal (its messages), or null when saved. */
  const update = async (documentId: string, patch: Partial<RegionRow>): Promise<string[] | null> => {
    try {
      await put(`${CM}/${documentId}`, patch);
      await load();
      return null;
    } catch (error) {
      return messagesOf(error);
    }
  };
  const add = async (parent: RegionRow | null, region: Pick<RegionRow, 'code' | 'name' | 'level'>): Promise<string[] | null> => {
    try {
      await post(CM, { ...region, ...(parent ? { parent: { connect: [{ documentId: parent.documentId }] } } : {}) });
      await load();
      return null;
    } catch (error) {
      return messagesOf(error);
    }
  };
  return { rows, problems, update, add };
}
