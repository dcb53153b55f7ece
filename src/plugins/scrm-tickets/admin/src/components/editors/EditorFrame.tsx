import type { ReactNode } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';

/**
 * What every low-code editor is framed in: one group named after it (no Field around it: a Field
 * would name every input inside after its one label), its title, its content, the attribute's hint.
 */
export const EditorFrame = ({
  title,
  testId,
  required,
  hint,
  gap = 2,
  action,
  children,
}: {
  title: string;
  testId: string;
  required?: boolean;
  hint?: string;
  gap?: number;
  action?: ReactNode;
  children: ReactNode;
}) => (
  <Flex direction="column" alignItems="stretch" gap={gap} data-testid={testId} role="group" aria-label={title}>
    <Flex justifyContent="space-between">
      <Typography variant="pi" fontWeight="bold">
        {title}
        {required ? ' *' : ''}
      </Typography>
      {action}
    </Flex>
    {children}
    {hint && (
      <Typography variant="pi" textColor="neutral600">
        {hint}
      </Typography>
    )}
  </Flex>
);

/** "Add a …" under a list of an editor. */
export const AddButton = ({ label, testId, disabled, onClick, size = 'S' }: { label: string; testId?: string; disabled?: boolean; onClick: () => void; size?: 'S' | 'M' }) => (
  <Box>
    <Button variant={size === 'S' ? 'tertiary' : 'secondary'} size={size} startIcon={<Plus />} disabled={disabled} data-testid={testId} onClick={onClick}>
      {label}
    </Button>
  </Box>
);
