import { Field, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { RESPONSE_ACTIONS, SLA_POLICY_UID } from '../../../../server/src/constants';
import { entriesPath, useCollection } from '../editors/useCollection';
import { useConfigValue, type CustomFieldProps } from '../editors/useConfigValue';
import { useTemplates } from '../editors/useTemplates';
import { useT } from '../tickets/useT';

/** Messages of the server's last refusal, for the Field's error line (these inputs have one setting each). */
const errorText = (serverErrors: { message: string }[], error?: string) => serverErrors.map((e) => e.message).join('; ') || error;

/** 暂停状态 — the workflow states in which the SLA clocks stop, picked from every template's states. */
export const PauseStatesInput = (props: CustomFieldProps) => {
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const { states } = useTemplates();
  const value: string[] = Array.isArray(props.value) ? props.value : [];
  const choices = [...states, ...value.filter((v) => !states.some((s) => s.value === v)).map((v) => ({ value: v, label: v }))];
  return (
    <Field.Root name={props.name} error={errorText(serverErrors, props.error)} hint={t('sla.pauseStates.hint')}>
      <Field.Label>{t('sla.pauseStates')}</Field.Label>
      <MultiSelect
        withTags
        value={value}
        disabled={props.disabled}
        placeholder={t('sla.pauseStates.none')}
        data-testid="sla-pause-states"
        onChange={(next: string[]) => commit(next.length ? next : null)}
      >
        {choices.map((s) => (
          <MultiSelectOption key={s.value} value={s.value}>
            {s.label}
          </MultiSelectOption>
        ))}
      </MultiSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

/** 视为响应 — what a staff member does that counts as answering the customer. */
export const ResponseActionsInput = (props: CustomFieldProps) => {
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const value: string[] = Array.isArray(props.value) ? props.value : [];
  return (
    <Field.Root name={props.name} error={errorText(serverErrors, props.error)} hint={t('sla.responseActions.hint')}>
      <Field.Label>{t('sla.responseActions')}</Field.Label>
      <MultiSelect withTags value={value} disabled={props.disabled} placeholder={t('sla.responseActions.default')} onChange={(next: string[]) => commit(next.length ? next : null)}>
        {RESPONSE_ACTIONS.map((a) => (
          <MultiSelectOption key={a} value={a}>
            {t(`sla.responseActions.${a}`)}
          </MultiSelectOption>
        ))}
      </MultiSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

/** A template's SLA: the policy whose conditions match its tickets, none at all, or one policy by name. */
export const SlaPinInput = (props: CustomFieldProps) => {
  const t = useT();
  const { commit, serverErrors } = useConfigValue(props);
  const policies = useCollection<{ key: string; name: string }>(entriesPath(SLA_POLICY_UID));
  const pin = props.value as { key?: string; none?: boolean } | null | undefined;
  const current = pin?.none ? ':none' : pin?.key ? pin.key : ':match';
  return (
    <Field.Root name={props.name} error={errorText(serverErrors, props.error)} hint={t('sla.pin.hint')}>
      <Field.Label>{t('sla.pin')}</Field.Label>
      <SingleSelect
        value={current}
        disabled={props.disabled}
        data-testid="sla-pin"
        onChange={(v: string | number) => commit(v === ':match' ? null : v === ':none' ? { none: true } : { key: String(v) })}
      >
        <SingleSelectOption value=":match">{t('sla.pin.match')}</SingleSelectOption>
        <SingleSelectOption value=":none">{t('sla.pin.none')}</SingleSelectOption>
        {[...policies, ...(pin?.key && !policies.some((p) => p.key === pin.key) ? [{ key: pin.key, name: pin.key }] : [])].map((p) => (
          <SingleSelectOption key={p.key} value={p.key}>
            {p.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
