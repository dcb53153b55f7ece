import type { ReactNode } from 'react';
import { Field, Flex, Typography } from '@strapi/design-system';
import { useT } from '../tickets/useT';
import { messageOf } from './messages';
import { ProblemLines, type ShownProblem } from './ProblemLines';

/** A problem of one setting of the thing being edited (`prop`), the rest of its path below it. */
export interface Problem extends ShownProblem {
  prop: string;
}

/**
 * One setting of what an editor edits: its label, its control and its problems, right under it
 * (test id `<testPrefix>-error-<prop>`).
 * `group`: the control is several inputs with names of their own (a Field would name them all after the label).
 */
export const PropField = ({
  prop,
  label,
  hint,
  problems,
  group,
  testPrefix = 'designer',
  children,
}: {
  prop: string;
  label: string;
  hint?: string;
  problems: Problem[];
  group?: boolean;
  testPrefix?: string;
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
        <ProblemLines problems={mine} testId={`${testPrefix}-error-${prop}`} />
      </Flex>
    );
  }
  return (
    <Field.Root name={`${testPrefix}.${prop}`} hint={hint} error={mine.length ? messageOf(t, mine[0].message) : undefined}>
      <Field.Label>{label}</Field.Label>
      {children}
      <Field.Hint />
      <ProblemLines problems={mine} testId={`${testPrefix}-error-${prop}`} />
    </Field.Root>
  );
};
