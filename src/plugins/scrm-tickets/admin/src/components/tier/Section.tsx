import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { ProblemLines } from '../editors/ProblemLines';
import type { ShownProblem } from '../editors/ProblemLines';

/** One part of the model, titled, with its problems as a whole under the title. */
export const Section = ({
  title,
  hint,
  problems,
  testId,
  action,
  children,
}: {
  title: string;
  hint?: string;
  problems: ShownProblem[];
  testId: string;
  action?: ReactNode;
  children?: ReactNode;
}) => (
  <Box padding={3} hasRadius borderColor={problems.length ? 'danger600' : 'neutral200'} data-testid={testId}>
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex justifyContent="space-between">
        <Typography variant="delta">{title}</Typography>
        {action}
      </Flex>
      {hint && (
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
      )}
      <ProblemLines problems={problems} testId={`${testId}-error`} />
      {children}
    </Flex>
  </Box>
);
