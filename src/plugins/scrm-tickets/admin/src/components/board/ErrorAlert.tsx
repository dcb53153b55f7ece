import { Alert, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';

interface Props {
  title: string;
  /** What the server said, one line each. */
  lines: string[];
  testId: string;
  onClose: () => void;
}

export const ErrorAlert = ({ title, lines, testId, onClose }: Props) => {
  const t = useT();
  return (
    <Alert variant="danger" title={title} closeLabel={t('board.close')} onClose={onClose} data-testid={testId}>
      {lines.map((line, i) => (
        // The alert wraps its body in a <p>: block elements cannot go inside.
        <Typography key={i} tag="span" display="block">
          {line}
        </Typography>
      ))}
    </Alert>
  );
};
