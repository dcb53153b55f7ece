/**
 * True when a database error is a unique-constraint violation, on Postgres (SQLSTATE 23505)
 * or SQLite (SQLITE_CONSTRAINT_UNIQUE), optionally on a given index/column.
 */
export const isUniqueViolation = (error: unknown, hint?: string): boolean => {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (!e) return false;
  const unique = e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE';
  if (!unique || !hint) return unique;
  return `${e.constraint ?? ''} ${e.message ?? ''}`.includes(hint);
};
