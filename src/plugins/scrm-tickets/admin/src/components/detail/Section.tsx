import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

interface Props {
  title: string;
  /** Beside the title, e.g. 编辑. */
  action?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A white card with a heading, as the Content Manager's edit view draws its panels. */
export const Section = ({ title, action, testId, children }: Props) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} data-testid={testId}>
    <Flex justifyContent="space-between" gap={2} paddingBottom={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {action}
    </Flex>
    {children}
  </Box>
);
