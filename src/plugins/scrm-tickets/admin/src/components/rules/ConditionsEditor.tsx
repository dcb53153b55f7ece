import { useMemo, useState } from 'react';
import { useField } from '@strapi/strapi/admin';
import { EditorFrame } from '../editors/EditorFrame';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useT } from '../tickets/useT';
import { GroupNode } from './GroupNode';
import { isGroup, problemsOf, type Node } from './model';
import { TryIt } from './TryIt';
import { useSubjects } from './useSubjects';
import { useTryRule } from './useTryRule';

const EMPTY: Node = { all: [] };

/**
 * 条件 — the rule builder of a routing rule: groups of conditions (all, any or none of them, nested),
 * each condition a subject (a ticket fact or a template's field), an operator that fits it and a
 * value (the subject's own choices where it has them). Checked as it is typed by the server's own
 * validator; "try it" runs the rule as it stands on an existing ticket and marks each condition.
 */
export const ConditionsEditor = (props: CustomFieldProps) => {
  const { value, disabled, hint, required } = props;
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const subjects = useSubjects();
  const actions = useField('actions').value;
  const trial = useTryRule();
  const [triedOn, setTriedOn] = useState<string | null>(null);

  // A new rule has no conditions yet: it starts as an empty "all" group, and is not called wrong before anything is typed.
  const typed = value !== undefined && value !== null;
  const tree: Node = isGroup(value as Node) ? (value as Node) : EMPTY;
  const problems = useMemo(() => problemsOf(typed ? value : EMPTY, serverErrors, typed), [value, typed, serverErrors]);
  const current = JSON.stringify(tree);
  // The verdicts are of the conditions they were tried with: a change makes them stale.
  const verdicts = triedOn === current ? trial.verdicts : null;

  return (
    <EditorFrame title={t('rules.conditions.title')} testId="rules-conditions" required={required} hint={hint}>
      <GroupNode node={tree} path={[]} depth={0} subjects={subjects} problems={problems} verdicts={verdicts} disabled={disabled} onChange={commit} />
      <TryIt
        tried={verdicts ? trial.tried : null}
        errors={trial.errors}
        busy={trial.busy}
        disabled={disabled}
        onRun={(ticket) => {
          setTriedOn(current);
          void trial.run(tree, actions, ticket);
        }}
      />
    </EditorFrame>
  );
};

export default ConditionsEditor;
