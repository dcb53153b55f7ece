import { useMemo } from 'react';
import { entriesPath, useCollection } from '../editors/useCollection';
import type { Translate } from '../tickets/useT';
import { APPROVAL_POLICY_UID } from '../../../../server/src/constants';
import { ANY_STAFF, CUSTOMER_ROLE, INTEGRATION_ROLE } from '../../../../server/src/workflow/types';
import type { Choice } from './TransitionRow';

/**
 * Who a transition may allow (server/src/workflow/types.ts): the whole staff, the ticket's
 * customer, integrations, then each admin role by its code; and the approval policies by key.
 */
export function useWorkflowChoices(t: Translate) {
  const adminRoles = useCollection<{ code: string; name: string }>('/admin/roles');
  const policies = useCollection<{ key: string; name: string }>(entriesPath(APPROVAL_POLICY_UID));
  const roles: Choice[] = useMemo(
    () => [
      { value: ANY_STAFF, label: t('workflow.role.staff') },
      { value: CUSTOMER_ROLE, label: t('workflow.role.customer') },
      { value: INTEGRATION_ROLE, label: t('workflow.role.integration') },
      ...adminRoles.map((r) => ({ value: r.code, label: r.name })),
    ],
    [adminRoles, t],
  );
  const approvals: Choice[] = useMemo(() => policies.map((p) => ({ value: p.key, label: p.name ? `${p.name} (${p.key})` : p.key })), [policies]);
  return { roles, approvals };
}
