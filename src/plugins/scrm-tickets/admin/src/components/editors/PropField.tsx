import type { ReactNode } from 'react';
import { Field, Flex, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { messageOf } from './messages';
import type { Problem } from './model';

/**
 * One property of the field being edited: its label, its control and its problems, right under it.
 * `group`: the control is several inputs with names of their own (a Field would name them all after the label).
 */
export const PropField = ({
  prop,
  label,
  hint,
  problems,
  group,
  children,
}: {
  prop: string;
  label: string;
  hint?: string;
  problems: Problem[];
  group?: boolean;
  children: ReactNode;
}) => {
  const t = useT();
  const mine = problems.filter((p) => p.prop === prop);
  if (group) {
    return (
      <Flex direction="column" alignItems="stretch" gap={1} role="group" aria-label={label}>
        <Typography variant="pi" fontWeight="bold">
          {label}
        </Typography>
        {children}
        <ProblemLines problems={mine} testId={`designer-error-${prop}`} />
      </Flex>
    );
  }
  return (
    <Field.Root name={`designer.${prop}`} hint={hint} error={mine.length ? messageOf(t, mine[0].message) : undefined}>
      <Field.Label>{label}</Field.Label>
      {children}
      <Field.Hint />
      <ProblemLines problems={mine} testId={`designer-error-${prop}`} />
    </Field.Root>
  );
};

/** Problems as lines in the danger colour, each with the path below the property when it has one (options 2 → value). */
export const ProblemLines = ({ problems, testId }: { problems: Problem[]; testId: string }) => {
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
