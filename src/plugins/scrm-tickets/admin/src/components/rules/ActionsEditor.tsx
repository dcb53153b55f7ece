import { useMemo } from 'react';
import { APPROVAL_POLICY_UID, TEAM_UID } from '../../../../server/src/constants';
import { validateActions } from '../../../../server/src/rules/actions';
import { byItem, mergeFindings } from '../editors/problems';
import { ProblemLines } from '../editors/ProblemLines';
import { entriesPath, useCollection } from '../editors/useCollection';
import { AddButton, EditorFrame } from '../editors/EditorFrame';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useT } from '../tickets/useT';
import { ActionRow, actionOf, type Action } from './ActionRow';

/**
 * 动作 — what a routing rule does when it matches, in order: set the priority, add tags, hand the
 * ticket to a team, assign it (to an agent, or by a strategy), escalate, notify, require an
 * approval. Teams, agents and approval policies are picked by name.
 */
export const ActionsEditor = (props: CustomFieldProps) => {
  const { value, disabled, hint, required } = props;
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const teams = useCollection<{ key: string; name: string }>(entriesPath(TEAM_UID));
  const policies = useCollection<{ key: string; name: string }>(entriesPath(APPROVAL_POLICY_UID));
  const users = useCollection<{ id: number; firstname?: string; lastname?: string; email: string }>('/admin/users?pageSize=100');
  const typed = Array.isArray(value);
  const actions: Action[] = typed ? (value as Action[]) : [];
  const problems = useMemo(() => byItem(mergeFindings(typed ? validateActions(actions, []) : [], serverErrors)), [actions, typed, serverErrors]);
  const agents = useMemo(() => users.map((u) => ({ value: u.id, label: [u.lastname, u.firstname].filter(Boolean).join('') || u.email })), [users]);
  return (
    <EditorFrame title={t('rules.actions.title')} testId="rules-actions" required={required} hint={hint}>
      <ProblemLines problems={problems.get(-1) ?? []} testId="rules-action-error-list" />
      {actions.map((action, i) => (
        <ActionRow
          key={i}
          action={action}
          index={i}
          teams={teams.map((x) => ({ value: x.key, label: x.name }))}
          agents={agents}
          policies={policies.map((p) => ({ value: p.key, label: p.name }))}
          problems={problems.get(i) ?? []}
          disabled={disabled}
          onChange={(next) => commit(actions.map((a, j) => (j === i ? next : a)))}
          onRemove={() => commit(actions.filter((_, j) => j !== i))}
        />
      ))}
      <AddButton size="M" label={t('rules.action.add')} testId="rules-action-add" disabled={disabled} onClick={() => commit([...actions, actionOf('setPriority')])} />
    </EditorFrame>
  );
};

export default ActionsEditor;
