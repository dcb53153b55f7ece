import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Field, Flex, Textarea, Toggle } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useT } from '../tickets/useT';
import { Section } from './Section';
import type { DetailApi } from './useTicketDetail';

/** A public reply (the customer sees it, and it answers the SLA) or an internal note (staff only). */
export const ReplyBox = ({ busy, comment }: { busy: boolean; comment: DetailApi['comment'] }) => {
  const t = useT();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    // Kept when refused, so that nothing typed is lost.
    if (!(await comment(body.trim(), internal ? 'internal' : 'public'))) setBody('');
  };
  return (
    <Section title={t('detail.reply')}>
      <form noValidate onSubmit={send}>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Field.Root name="reply">
            <Textarea
              aria-label={t('detail.reply')}
              placeholder={t(internal ? 'detail.reply.notePlaceholder' : 'detail.reply.placeholder')}
              value={body}
              onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value)}
            />
          </Field.Root>
          <Flex justifyContent="space-between" gap={2}>
            <Field.Root name="visibility" width="24rem">
              <Toggle
                aria-label={t('detail.reply.visibility')}
                offLabel={t('detail.reply.public')}
                onLabel={t('detail.reply.internal')}
                checked={internal}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setInternal(e.target.checked)}
                data-testid="reply-internal"
              />
            </Field.Root>
            <Button type="submit" startIcon={<PaperPlane />} disabled={busy || body.trim() === ''} data-testid="send-reply">
              {t('detail.reply.send')}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Section>
  );
};
