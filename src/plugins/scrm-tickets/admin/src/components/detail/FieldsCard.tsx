import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Pencil } from '@strapi/icons';
import { localize, PRIORITIES, type Priority, type Problem } from '../tickets/types';
import { useT } from '../tickets/useT';
import { FieldError, FieldInput } from './FieldInput';
import { isShown, useFieldFormat } from './fieldValues';
import { Section } from './Section';
import type { Template, Ticket } from './types';
import type { DetailApi } from './useTicketDetail';

interface Props {
  ticket: Ticket;
  template: Template | null;
  busy: boolean;
  /** Whether the reader may edit (ticket.update); without it the card only shows. */
  editable: boolean;
  update: DetailApi['update'];
  /** The page stops refreshing while the form is open. */
  onEditingChange: (editing: boolean) => void;
}

/** The values being edited, with the version they were read at: a save after someone else's is a 409. */
interface Draft {
  version: number;
  title: string;
  priority: Priority;
  fields: Record<string, unknown>;
}

/** A 400's errors: template fields by key (`['fields', key]`), ticket attributes (`['title']`) by name. */
interface Errors {
  fields: Record<string, string>;
  attributes: Record<string, string>;
}

const NO_ERRORS: Errors = { fields: {}, attributes: {} };

const errorsOf = (problems: Problem[]): Errors => {
  const errors: Errors = { fields: {}, attributes: {} };
  for (const { path, message } of problems) {
    if (path[0] === 'fields' && path.length > 1) errors.fields[String(path[1])] ??= message;
    else errors.attributes[String(path[0])] ??= message;
  }
  return errors;
};

/**
 * The template's fields with their values; 编辑 turns the card into a form with the title and
 * priority. A refused save keeps the form open with each error at its field (the server saved
 * nothing); a stale version closes it on the ticket as it now is.
 */
export const FieldsCard = ({ ticket, template, busy, editable, update, onEditingChange }: Props) => {
  const t = useT();
  const { locale } = useIntl();
  const format = useFieldFormat();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const defs = template?.fieldDefinitions ?? [];

  const edit = (next: Draft | null) => {
    setDraft(next);
    setErrors(NO_ERRORS);
    onEditingChange(next !== null);
  };
  const change = (patch: Partial<Draft>) => setDraft((d) => d && { ...d, ...patch });
  const changeField = (key: string, value: unknown) => setDraft((d) => d && { ...d, fields: { ...d.fields, [key]: value } });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    // Every field, so that an emptied one is cleared; a hidden one is sent empty, as the server
    // refuses a value for it.
    const fields = Object.fromEntries(defs.map((d) => [d.key, isShown(defs, draft.fields, d) ? draft.fields[d.key] ?? null : null]));
    const refused = await update({ version: draft.version, title: draft.title, priority: draft.priority, fields });
    if (!refused || refused.status === 409) edit(null);
    else setErrors(errorsOf(refused.problems));
  };

  const values = draft?.fields ?? ticket.fields ?? {};
  const shown = defs.filter((d) => isShown(defs, values, d));

  if (!draft) {
    const start = () => edit({ version: ticket.version, title: ticket.title, priority: ticket.priority, fields: { ...ticket.fields } });
    return (
      <Section
        title={t('detail.fields')}
        action={
          editable && (
            <Button variant="secondary" startIcon={<Pencil />} onClick={start} disabled={busy} data-testid="edit-fields">
              {t('detail.fields.edit')}
            </Button>
          )
        }
      >
        {shown.length === 0 ? (
          <Typography textColor="neutral600">{t('detail.fields.none')}</Typography>
        ) : (
          <Grid.Root gap={4}>
            {shown.map((def) => (
              <Grid.Item key={def.key} col={6} s={12} direction="column" alignItems="flex-start" gap={1}>
                <Typography variant="sigma" textColor="neutral600">
                  {localize(def.label, locale)}
                </Typography>
                {/* Multi-line text keeps its line breaks. */}
                <Typography style={{ whiteSpace: 'pre-wrap' }}>{format(def, values[def.key])}</Typography>
              </Grid.Item>
            ))}
          </Grid.Root>
        )}
      </Section>
    );
  }

  return (
    <form noValidate onSubmit={save}>
      <Section
        title={t('detail.fields')}
        action={
          <Flex gap={2}>
            <Button variant="tertiary" onClick={() => edit(null)} disabled={busy}>
              {t('detail.fields.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="save-fields">
              {t('detail.fields.save')}
            </Button>
          </Flex>
        }
      >
        <Grid.Root gap={4}>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Field.Root id="ticket-title" name="title" required error={errors.attributes.title}>
              <Field.Label>{t('detail.title')}</Field.Label>
              <TextInput value={draft.title} onChange={(e: ChangeEvent<HTMLInputElement>) => change({ title: e.target.value })} />
              {errors.attributes.title && <FieldError id="ticket-title" testId="error-title" message={errors.attributes.title} />}
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root id="ticket-priority" name="priority" required error={errors.attributes.priority}>
              <Field.Label>{t('detail.priority')}</Field.Label>
              <SingleSelect value={draft.priority} onChange={(p: string | number) => change({ priority: p as Priority })}>
                {PRIORITIES.map((p) => (
                  <SingleSelectOption key={p} value={p}>
                    {t(`tickets.priority.${p}`)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              {errors.attributes.priority && (
                <FieldError id="ticket-priority" testId="error-priority" message={errors.attributes.priority} />
              )}
            </Field.Root>
          </Grid.Item>
          {shown.map((def) => (
            <Grid.Item key={def.key} col={def.type === 'textarea' ? 12 : 6} s={12} direction="column" alignItems="stretch">
              <FieldInput
                def={def}
                value={draft.fields[def.key]}
                error={errors.fields[def.key]}
                onChange={(v) => changeField(def.key, v)}
              />
            </Grid.Item>
          ))}
        </Grid.Root>
      </Section>
    </form>
  );
};
