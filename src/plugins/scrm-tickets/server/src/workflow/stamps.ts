import { stateOf } from './transitions';
import type { WorkflowDefinition } from './types';

/** The timestamps a move to `to` sets, unless the caller (an import, the demo seed) gives them. */
export function stampsFor(
  workflow: WorkflowDefinition,
  to: string,
  ticket: { resolvedAt?: unknown; reopenCount?: number | null },
  data: Record<string, unknown>,
  now: Date
): Record<string, unknown> {
  const stamps: Record<string, unknown> = {};
  const target = stateOf(workflow, to);
  const final = workflow.final.includes(to);
  if (target?.resolves && !ticket.resolvedAt) stamps.resolvedAt = now;
  if (final) stamps.closedAt = now;
  // A reopen: the resolution no longer stands, and the resolution clock runs again.
  if (!target?.resolves && !final && ticket.resolvedAt) {
    stamps.resolvedAt = null;
    stamps.reopenCount = (ticket.reopenCount ?? 0) + 1;
  }
  for (const key of Object.keys(stamps)) if (key in data) delete stamps[key];
  return stamps;
}
