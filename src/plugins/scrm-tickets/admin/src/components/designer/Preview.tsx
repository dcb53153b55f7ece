import { useEffect, useRef } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import type { Draft } from './model';

/** The message the preview page (public/h5/preview.js) draws a form from. */
export const PREVIEW_MESSAGE = 'scrm-template-preview';

/**
 * The customer's form as the H5 page draws it — the page's own code in a phone-sized frame on this
 * origin, sent the fields as they are typed. Nothing in it is filed.
 */
export const Preview = ({ defs, name }: { defs: Draft[]; name: string }) => {
  const t = useT();
  const frame = useRef<HTMLIFrameElement>(null);
  const latest = useRef({ defs, name });
  latest.current = { defs, name };
  const post = () =>
    frame.current?.contentWindow?.postMessage(
      {
        type: PREVIEW_MESSAGE,
        template: {
          name: latest.current.name,
          fieldDefinitions: latest.current.defs,
        },
      },
      window.location.origin,
    );
  useEffect(() => {
    // The page asks once it is listening; every change is sent as it happens.
    const ready = (e: MessageEvent) => {
      if (e.origin === window.location.origin && e.source === frame.current?.contentWindow && e.data?.type === `${PREVIEW_MESSAGE}-ready`) post();
    };
    window.addEventListener('message', ready);
    return () => window.removeEventListener('message', ready);
  }, []);
  useEffect(post, [defs, name]);
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography variant="sigma" textColor="neutral600">
        {t('designer.preview')}
      </Typography>
      <Box borderColor="neutral200" borderStyle="solid" borderWidth="1px" hasRadius overflow="hidden" width="340px" height="600px">
        <iframe ref={frame} title={t('designer.preview')} src="/h5/preview.html" width="340" height="600" style={{ border: 0 }} data-testid="designer-preview" />
      </Box>
    </Flex>
  );
};
