import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { GroupRow } from './types';

export interface Column {
  id: string;
  header: string;
  value: (row: GroupRow) => string;
}

/** Groups as rows, figures as columns; a row opens the tickets of its group. */
export const FigureTable = ({ id, rows, columns, firstHeader, empty, onRow }: { id: string; rows: GroupRow[]; columns: Column[]; firstHeader: string; empty: string; onRow: (row: GroupRow) => void }) => (
  <Box data-testid={`table-${id}`}>
    <Table colCount={columns.length + 1} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{firstHeader}</Typography>
          </Th>
          {columns.map((c) => (
            <Th key={c.id}>
              <Typography variant="sigma">{c.header}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.length === 0 && (
          <Tr>
            <Td colSpan={columns.length + 1}>
              <Typography textColor="neutral600">{empty}</Typography>
            </Td>
          </Tr>
        )}
        {rows.map((row) => (
          <Tr key={row.key ?? ''} onClick={() => onRow(row)} style={{ cursor: 'pointer' }} data-testid={`${id}-row`}>
            <Td>
              <Typography fontWeight="semiBold">{row.label || '—'}</Typography>
            </Td>
            {columns.map((c) => (
              <Td key={c.id}>
                <Typography>{c.value(row)}</Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  </Box>
);
