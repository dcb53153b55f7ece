import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Field, Flex, IconButton, Tag, Textarea, Toggle, Typography, VisuallyHidden } from '@strapi/design-system';
import { Cross, PaperPlane, Paperclip } from '@strapi/icons';
import { useT } from '../tickets/useT';
import { Section } from './Section';
import type { DetailApi } from './useTicketDetail';

/** What a reply may carry: photos of the fault, and documents such as invoices and reports. */
const ACCEPT = 'image/*,application/pdf';
const MAX_FILES = 20;

/**
 * A public reply (the customer sees it, and it answers the SLA) or an internal note (staff only),
 * with files attached. The files go to the Media Library first; the reply names them.
 */
export const ReplyBox = ({ busy, comment }: { busy: boolean; comment: DetailApi['comment'] }) => {
  const t = useT();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    setFiles((held) => [...held, ...Array.from(e.target.files ?? [])].slice(0, MAX_FILES));
    e.target.value = '';
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    // Kept when refused, so that nothing typed or chosen is lost.
    if (!(await comment(body.trim(), internal ? 'internal' : 'public', files))) {
      setBody('');
      setFiles([]);
    }
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
          {files.length > 0 && (
            <Flex gap={2} wrap="wrap" data-testid="reply-files">
              {files.map((file, i) => (
                <Tag key={`${file.name}-${i}`} icon={<Cross />} onClick={() => setFiles(files.filter((_, j) => j !== i))} label={t('detail.reply.removeFile', { name: file.name })}>
                  {file.name}
                </Tag>
              ))}
            </Flex>
          )}
          <Flex justifyContent="space-between" gap={2}>
            <Flex gap={2}>
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
              <VisuallyHidden>
                <input ref={picker} type="file" multiple accept={ACCEPT} onChange={pick} data-testid="reply-file-input" aria-label={t('detail.reply.attach')} />
              </VisuallyHidden>
              <IconButton label={t('detail.reply.attach')} onClick={() => picker.current?.click()} disabled={busy || files.length >= MAX_FILES}>
                <Paperclip />
              </IconButton>
              {files.length >= MAX_FILES && <Typography variant="pi" textColor="neutral600">{t('detail.reply.maxFiles', { max: MAX_FILES })}</Typography>}
            </Flex>
            <Button type="submit" startIcon={<PaperPlane />} disabled={busy || (body.trim() === '' && files.length === 0)} data-testid="send-reply">
              {t('detail.reply.send')}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Section>
  );
};
