import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { useShanghaiTime } from '../tickets/useShanghaiTime';
import { useT } from '../tickets/useT';
import { useEventLines } from './eventLines';
import { useLabel } from './labels';
import { Section } from './Section';
import type { Detail, TicketEvent } from './types';

/** Uploads are stored with server-relative URLs; the admin may be served from elsewhere (as the Media Library does it). */
const fileUrl = (url: string) =>
  url.startsWith('/') ? `${(window as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? ''}${url}` : url;

const Comment = ({ event }: { event: TicketEvent }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      {event.body && <Typography style={{ whiteSpace: 'pre-wrap' }}>{event.body}</Typography>}
      {(event.attachments ?? []).map((file) => (
        <Link key={file.id} href={fileUrl(file.url)} isExternal>
          {t('detail.attachment', { name: file.name })}
        </Link>
      ))}
    </Flex>
  );
};

/** Everything that happened to the ticket, oldest first; internal events (notes, rules, SLA) tinted and marked 内部. */
export const Timeline = ({ detail }: { detail: Detail }) => {
  const t = useT();
  const label = useLabel();
  const time = useShanghaiTime();
  const linesOf = useEventLines(detail);
  return (
    <Section title={t('detail.timeline')}>
      {detail.events.length === 0 ? (
        <Typography textColor="neutral600">{t('detail.timeline.empty')}</Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={3}>
          {detail.events.map((event) => {
            const internal = event.visibility === 'internal';
            const { kind, name } = event.actor;
            const actor = kind === 'system' ? t('detail.actor.system') : name ?? label(`detail.actor.${kind}`, kind);
            const type = event.type === 'comment' && internal ? 'note' : event.type;
            return (
              <Box
                key={event.id}
                data-testid="timeline-item"
                data-type={event.type}
                padding={4}
                hasRadius
                background={internal ? 'warning100' : 'neutral100'}
              >
                <Flex gap={2} wrap="wrap" paddingBottom={2}>
                  <Typography fontWeight="bold">{label(`detail.type.${type}`, type)}</Typography>
                  {internal && <Badge>{t('detail.internal')}</Badge>}
                  <Typography variant="pi" textColor="neutral600">
                    {actor} · {time(event.occurredAt)}
                  </Typography>
                </Flex>
                {event.type === 'comment' ? (
                  <Comment event={event} />
                ) : (
                  linesOf(event).map((line, i) => (
                    <Typography key={i} tag="p">
                      {line}
                    </Typography>
                  ))
                )}
              </Box>
            );
          })}
        </Flex>
      )}
    </Section>
  );
};
