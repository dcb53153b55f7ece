import { useState, type FormEvent } from 'react';
import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useT } from '../../tickets/useT';
import { ErrorAlert } from '../../board/ErrorAlert';
import { FieldError } from '../FieldInput';
import { MoneyInput } from '../MoneyInput';
import { STAGES, type NewOpportunity } from './types';
import type { useCustomer360 } from './useCustomer360';

interface Props {
  /** The ticket's number and title: the opportunity's title starts from them. */
  ticket: { number: string; title: string };
  create: ReturnType<typeof useCustomer360>['createOpportunity'];
}

/**
 * 转为商机: a repair that should become a replacement sale, say. The server checks the values and
 * the ticket's version; its refusal stays in the dialog, each error under its field.
 */
export const OpportunityDialog = ({ ticket, create }: Props) => {
  const t = useT();
  const fresh = (): NewOpportunity => ({ title: t('c360.opportunity.defaultTitle', { number: ticket.number, title: ticket.title }), expectedAmountFen: null, stage: 'lead' });
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<NewOpportunity>(fresh);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [lines, setLines] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const refused = await create(draft);
    setBusy(false);
    if (!refused) {
      setOpen(false);
      return;
    }
    const byField: Record<string, string> = {};
    for (const { path, message } of refused.problems) byField[String(path[0])] ??= message;
    setErrors(byField);
    // Errors of fields the dialog shows are under them; anything else (a stale version, a
    // ticket linked meanwhile) is said at the top.
    const shown = ['title', 'expectedAmountFen', 'stage'];
    setLines(refused.status === 409 ? [t('detail.conflict')] : refused.problems.some((p) => shown.includes(String(p.path[0]))) ? [] : refused.lines);
  };

  return (
    <Modal.Root
      open={open}
      onOpenChange={(next: boolean) => {
        setOpen(next);
        if (next) {
          setDraft(fresh());
          setErrors({});
          setLines([]);
        }
      }}
    >
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<Plus />} data-testid="c360-new-opportunity">
          {t('c360.opportunity.create')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <form noValidate onSubmit={submit}>
          <Modal.Header>
            <Modal.Title>{t('c360.opportunity.create')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {lines.length > 0 && <ErrorAlert title={t('detail.refused')} lines={lines} testId="c360-opportunity-error" onClose={() => setLines([])} />}
              <Field.Root id="opportunity-title" name="title" required error={errors.title}>
                <Field.Label>{t('c360.opportunity.title')}</Field.Label>
                <TextInput value={draft.title} onChange={(e: { target: { value: string } }) => setDraft({ ...draft, title: e.target.value })} />
                {errors.title && <FieldError id="opportunity-title" testId="c360-error-title" message={errors.title} />}
              </Field.Root>
              <Field.Root id="opportunity-amount" name="expectedAmountFen" error={errors.expectedAmountFen}>
                <Field.Label>{t('c360.opportunity.amount')}</Field.Label>
                <MoneyInput value={draft.expectedAmountFen} onChange={(fen) => setDraft({ ...draft, expectedAmountFen: fen })} />
                {errors.expectedAmountFen && <FieldError id="opportunity-amount" testId="c360-error-amount" message={errors.expectedAmountFen} />}
              </Field.Root>
              <Field.Root id="opportunity-stage" name="stage" error={errors.stage}>
                <Field.Label>{t('c360.opportunity.stage')}</Field.Label>
                <SingleSelect value={draft.stage} onChange={(stage: string | number) => setDraft({ ...draft, stage: String(stage) })}>
                  {STAGES.map((stage) => (
                    <SingleSelectOption key={stage} value={stage}>
                      {t(`c360.stage.${stage}`)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                {errors.stage && <FieldError id="opportunity-stage" testId="c360-error-stage" message={errors.stage} />}
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('c360.cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={busy} data-testid="c360-save-opportunity">
              {t('c360.opportunity.save')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
