import { useMemo, useState } from 'react';
import { Box, Button, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { AddButton, EditorFrame } from '../editors/EditorFrame';
import { ProblemLines } from '../editors/ProblemLines';
import { PropField } from '../editors/PropField';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useT } from '../tickets/useT';
import { addState, customised, exitsOf, problemsOf, relabelState, removeState, renameState, setFinal, type WorkflowDraft } from './model';
import { StateCard } from './StateCard';
import { TransitionRow } from './TransitionRow';
import { useWorkflowChoices } from './useRoleChoices';

const isDraft = (v: unknown): v is WorkflowDraft => !!v && typeof v === 'object' && Array.isArray((v as WorkflowDraft).states) && Array.isArray((v as WorkflowDraft).transitions);

/**
 * 流程 — the workflow editor of a ticket template: its states (names, what each means, its
 * checklist), the transitions between them (who may take each, which need approval) and which
 * states are first and last. A template without one uses the default workflow; customising starts
 * from a copy of it. Checked as it is typed by the server's own validator: an unreachable state, a
 * dead end or a final state with exits shows on the state it is about.
 */
export const WorkflowEditor = (props: CustomFieldProps) => {
  const { value, disabled, hint } = props;
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const { roles, approvals } = useWorkflowChoices(t);
  // States added now whose key nobody typed: their key follows their name.
  const [following, setFollowing] = useState<Set<string>>(new Set());
  // What is stored may be of an older shape or hand-made: anything but a workflow is shown as the default until customised.
  const wf = isDraft(value) ? value : null;
  const problems = useMemo(() => (wf ? problemsOf(wf, serverErrors) : null), [wf, serverErrors]);

  if (!wf || !problems) {
    return (
      <EditorFrame title={t('workflow.title')} testId="workflow-editor" hint={hint}>
        <ProblemLines problems={serverErrors} testId="workflow-error-general" />
        <Typography textColor="neutral600" data-testid="workflow-default">
          {t('workflow.default', {
            states: customised()
              .states.map((s) => s.label['zh-Hans'])
              .join(' → '),
          })}
        </Typography>
        <AddButton size="M" label={t('workflow.customise')} testId="workflow-customise" disabled={disabled} onClick={() => commit(customised())} />
      </EditorFrame>
    );
  }

  const nameOf = (key: string) => wf.states.find((s) => s.key === key)?.label?.['zh-Hans'] || key;
  return (
    <EditorFrame
      title={t('workflow.title')}
      testId="workflow-editor"
      hint={hint}
      gap={3}
      action={
        <Button variant="tertiary" size="S" startIcon={<ArrowClockwise />} disabled={disabled} data-testid="workflow-reset" onClick={() => commit(null)}>
          {t('workflow.reset')}
        </Button>
      }
    >
      <ProblemLines problems={problems.general.filter((p) => p.prop !== 'initial')} testId="workflow-error-general" />
      <Box maxWidth="20rem">
        <PropField prop="initial" label={t('workflow.initial')} hint={t('workflow.initial.hint')} problems={problems.general} testPrefix="workflow">
          <SingleSelect value={wf.initial ?? ''} disabled={disabled} data-testid="workflow-initial" onChange={(v: string | number) => commit({ ...wf, initial: String(v) })}>
            {wf.states.map((s) => (
              <SingleSelectOption key={s.key} value={s.key}>
                {s.label?.['zh-Hans'] || s.key}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </PropField>
      </Box>

      <Typography variant="delta">{t('workflow.states')}</Typography>
      <ProblemLines problems={problems.states.get(-1) ?? []} testId="workflow-error-states" />
      {wf.states.map((state, i) => (
        <StateCard
          key={i}
          state={state}
          index={i}
          initial={wf.initial === state.key}
          final={wf.final.includes(state.key)}
          exits={exitsOf(wf, state.key).map(nameOf)}
          problems={problems.states.get(i) ?? []}
          disabled={disabled}
          onLabel={(label) => {
            const next = relabelState(wf, i, label, following.has(state.key));
            if (following.has(state.key)) setFollowing(new Set([...following].filter((k) => k !== state.key)).add(next.states[i].key));
            commit(next);
          }}
          onKey={(key) => {
            setFollowing(new Set([...following].filter((k) => k !== state.key)));
            commit(renameState(wf, i, key));
          }}
          onChange={(next) => commit({ ...wf, states: wf.states.map((s, j) => (j === i ? next : s)) })}
          onFinal={(on) => commit(setFinal(wf, state.key, on))}
          onRemove={() => commit(removeState(wf, i))}
        />
      ))}
      <AddButton
        size="M"
        label={t('workflow.state.add')}
        testId="workflow-add-state"
        disabled={disabled}
        onClick={() => {
          const next = addState(wf, t('workflow.state.new', { n: wf.states.length + 1 }));
          setFollowing(new Set(following).add(next.states[next.states.length - 1].key));
          commit(next);
        }}
      />

      <Typography variant="delta">{t('workflow.transitions')}</Typography>
      <Typography variant="pi" textColor="neutral600">
        {t('workflow.transitions.hint')}
      </Typography>
      <ProblemLines problems={problems.transitions.get(-1) ?? []} testId="workflow-error-transitions" />
      {wf.transitions.map((transition, i) => (
        <TransitionRow
          key={i}
          transition={transition}
          index={i}
          states={wf.states}
          roles={roles}
          approvals={approvals}
          problems={problems.transitions.get(i) ?? []}
          disabled={disabled}
          onChange={(next) => commit({ ...wf, transitions: wf.transitions.map((x, j) => (j === i ? next : x)) })}
          onRemove={() => commit({ ...wf, transitions: wf.transitions.filter((_, j) => j !== i) })}
        />
      ))}
      {/* From the first state to the next: a valid start the user changes to what they mean. */}
      <AddButton
        size="M"
        label={t('workflow.transition.add')}
        testId="workflow-add-transition"
        disabled={disabled}
        onClick={() => commit({ ...wf, transitions: [...wf.transitions, { from: wf.states[0]?.key ?? '', to: wf.states[1]?.key ?? wf.states[0]?.key ?? '' }] })}
      />
    </EditorFrame>
  );
};

export default WorkflowEditor;
