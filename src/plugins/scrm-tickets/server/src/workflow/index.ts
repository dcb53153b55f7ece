// The pure workflow module: definitions, the default workflow and transition planning.
export * from './types';
export { DEFAULT_WORKFLOW } from './default-workflow';
export { validateWorkflow, isWorkflow } from './validate-workflow';
export {
  availableTransitions,
  checkChecklist,
  mayTake,
  planTransition,
  stateOf,
  untickedItems,
  workflowOf,
  type AvailableTransition,
  type Checklist,
  type Plan,
  type TicketState,
  type WorkflowActor,
} from './transitions';
export { stampsFor } from './stamps';
export { validateApprovalLevels, type ApprovalLevel, type PendingApproval } from './approval-levels';
