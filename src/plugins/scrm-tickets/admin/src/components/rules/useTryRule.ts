import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { messagesOf } from '../board/types';
import type { RuleTrial } from '../../../../server/src/rules/trial';
import { pathKey, type Node } from './model';

/** What POST /scrm-tickets/rules/try answers. */
export type Tried = RuleTrial;

/** Runs the rule as it stands (unsaved) on an existing ticket; nothing is written. */
export function useTryRule() {
  const { post } = useFetchClient();
  const [tried, setTried] = useState<Tried | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const run = async (conditions: Node, actions: unknown, ticket: string) => {
    setBusy(true);
    try {
      const res = await post('/scrm-tickets/rules/try', { conditions, ...(Array.isArray(actions) ? { actions } : {}), ticket: ticket.trim() });
      setTried((res.data as { data: Tried }).data);
      setErrors([]);
    } catch (error) {
      setTried(null);
      setErrors(messagesOf(error));
    } finally {
      setBusy(false);
    }
  };
  const verdicts = tried ? new Map(tried.nodes.map((n) => [pathKey(n.path), n])) : null;
  return { run, tried, verdicts, errors, busy, clear: () => setTried(null) };
}
