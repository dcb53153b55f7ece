import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

/**
 * The entries of a content type an editor offers to pick from (approval policies, teams,
 * templates), read once through the Content Manager, so the user's read permission applies. None
 * when the user may not read them: the editor then offers what it knows without them.
 */
export function useCollection<T>(path: string): T[] {
  const { get } = useFetchClient();
  const [entries, setEntries] = useState<T[]>([]);
  useEffect(() => {
    let current = true;
    get(path)
      .then((res: { data: any }) => {
        // The Content Manager answers `{ results }`, the admin's own lists `{ data: [...] }` or `{ data: { results } }`.
        const body = res.data;
        const list = body?.results ?? body?.data?.results ?? body?.data;
        if (current) setEntries(Array.isArray(list) ? (list as T[]) : []);
      })
      .catch(() => current && setEntries([]));
    return () => {
      current = false;
    };
  }, [get, path]);
  return entries;
}

/** A content type's entries through the Content Manager, the first hundred (configuration lists are short). */
export const entriesPath = (uid: string) => `/content-manager/collection-types/${uid}?page=1&pageSize=100`;
