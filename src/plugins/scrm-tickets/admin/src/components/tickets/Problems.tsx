import { Alert, Typography } from '@strapi/design-system';
import { useT } from './useT';
import type { Problem } from './types';

/** What the server refused (a 400 names the parameter, e.g. `sort`), one line each. */
export const Problems = ({ problems, onClose }: { problems: Problem[]; onClose?: () => void }) => {
  const t = useT();
  return (
    <Alert variant="danger" title={t('tickets.problems')} closeLabel={t('tickets.problems.close')} onClose={onClose}>
      {problems.map((p, i) => (
        // The alert wraps its body in a <p>: block elements cannot go inside.
        <Typography key={i} tag="span" display="block">
          {p.path.length > 0 && <code>{p.path.join('.')}</code>} {p.message}
        </Typography>
      ))}
    </Alert>
  );
};
