import { useMemo } from 'react';
import { validateApprovalLevels } from '../../../../server/src/workflow/approval-levels';
import { AddButton, EditorFrame } from '../editors/EditorFrame';
import { byItem, mergeFindings } from '../editors/problems';
import { ProblemLines } from '../editors/ProblemLines';
import { keyFromLabel } from '../editors/keys';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useSubjects } from '../rules/useSubjects';
import { useT } from '../tickets/useT';
import { useWorkflowChoices } from '../workflow/useRoleChoices';
import { LevelCard, type Level } from './LevelCard';

/** Customers do not approve: the roles a level may name are the staff's and integrations'. */
const CUSTOMER = 'customer';

/**
 * 审批层级 — an approval policy's levels, in order: who decides each, and when a level applies
 * (always, or when the ticket meets conditions built like a routing rule's). Checked as typed by
 * the server's own validator; a level's condition problems sit on the condition they name.
 */
export const ApprovalLevelsEditor = (props: CustomFieldProps) => {
  const { value, disabled, hint, required } = props;
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const subjects = useSubjects();
  const { roles } = useWorkflowChoices(t);
  const levels: Level[] = Array.isArray(value) ? value : [];
  const typed = Array.isArray(value);
  // A level's condition is checked by the rule builder's own model (its paths start at `when`).
  const problems = useMemo(
    () =>
      byItem(
        mergeFindings(
          typed ? validateApprovalLevels(levels, []).filter((e) => e.path[1] !== 'when') : [],
          serverErrors.filter((e) => e.path[1] !== 'when'),
        ),
      ),
    [levels, typed, serverErrors],
  );
  const whenErrors = (i: number) => serverErrors.filter((e) => e.path[0] === i && e.path[1] === 'when').map((e) => ({ ...e, path: e.path.slice(2) }));
  const keysBut = (i: number) => new Set(levels.filter((_, j) => j !== i).map((l) => l.key));
  return (
    <EditorFrame title={t('approval.title')} testId="approval-levels" required={required} hint={hint}>
      <ProblemLines problems={problems.get(-1) ?? []} testId="approval-levels-error" />
      {levels.map((level, i) => (
        <LevelCard
          key={i}
          level={level}
          index={i}
          otherKeys={keysBut(i)}
          roles={roles.filter((r) => r.value !== CUSTOMER)}
          subjects={subjects}
          problems={problems.get(i) ?? []}
          whenErrors={whenErrors(i)}
          disabled={disabled}
          onChange={(next) => commit(levels.map((l, j) => (j === i ? next : l)))}
          onRemove={() => commit(levels.filter((_, j) => j !== i))}
        />
      ))}
      <AddButton
        size="M"
        label={t('approval.level.add')}
        testId="approval-level-add"
        disabled={disabled}
        onClick={() => {
          const label = t('approval.level.default', { n: levels.length + 1 });
          commit([...levels, { key: keyFromLabel(label, keysBut(-1), `level_${levels.length + 1}`, 'snake'), label: { 'zh-Hans': label }, roles: ['*'] }]);
        }}
      />
    </EditorFrame>
  );
};

export default ApprovalLevelsEditor;
