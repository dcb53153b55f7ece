import { useMemo } from 'react';
import { EditorFrame } from '../editors/EditorFrame';
import { ProblemLines } from '../editors/ProblemLines';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useT } from '../tickets/useT';
import { BaseFees } from './BaseFees';
import { Commission } from './Commission';
import { Extras } from './Extras';
import { newModel, problemsOf, type ModelDraft } from './model';
import { SplitChain } from './SplitChain';

/**
 * 结算模型 — a settlement tier's fee model without JSON: base fees per service item, commission
 * brackets, rush surcharge, satisfaction coefficients, volume rebates and the split chain, with a
 * ticket worked through in yuan as it is typed. Amounts are typed in yuan and kept in fen; rates
 * typed in percent and kept as decimal strings. Checked by the server's own validator.
 */
export const TierModelEditor = (props: CustomFieldProps) => {
  const { value, disabled, hint, required } = props;
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props, newModel);
  const model: ModelDraft = value && typeof value === 'object' && !Array.isArray(value) ? (value as ModelDraft) : newModel();
  const problems = useMemo(() => problemsOf(model, serverErrors), [model, serverErrors]);
  const set = (next: ModelDraft) => commit(next);
  return (
    <EditorFrame title={t('tier.title')} testId="tier-editor" required={required} hint={hint} gap={3}>
      <ProblemLines problems={problems.general} testId="tier-error-general" />
      <BaseFees fees={model.baseFees ?? {}} problems={problems.baseFees} disabled={disabled} onChange={(baseFees) => set({ ...model, baseFees })} />
      <Commission
        commission={model.commission}
        problems={problems.commission}
        brackets={problems.brackets}
        disabled={disabled}
        onChange={(commission) => {
          const { commission: _, ...rest } = model;
          set(commission ? { ...rest, commission } : rest);
        }}
      />
      <SplitChain model={model} problems={problems.split} disabled={disabled} onChange={(split) => set({ ...model, split })} />
      <Extras model={model} problems={problems} disabled={disabled} onChange={set} />
    </EditorFrame>
  );
};

export default TierModelEditor;
