import { Flex, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { messageOf } from './messages';

/** A problem where an editor shows it: the rest of its path below the setting it is under. */
export interface ShownProblem {
  path: (string | number)[];
  message: string;
  /** The server said so in its answer to the last save. */
  fromServer?: boolean;
}

/** Problems as lines in the danger colour, each with the path below the property when it has one (options 2 → value). */
export const ProblemLines = ({ problems, testId }: { problems: ShownProblem[]; testId: string }) => {
  const t = useT();
  if (!problems.length) return null;
  return (
    <Flex direction="column" alignItems="stretch" data-testid={testId}>
      {problems.map((p, i) => (
        <Typography key={i} variant="pi" textColor="danger600" data-server={p.fromServer ? 'true' : undefined}>
          {p.path.length ? `${p.path.map((x) => (typeof x === 'number' ? x + 1 : x)).join(' · ')}: ` : ''}
          {messageOf(t, p.message)}
        </Typography>
      ))}
    </Flex>
  );
};
