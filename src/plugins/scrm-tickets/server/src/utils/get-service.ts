import type { Core } from '@strapi/strapi';
import type { NumberingService } from '../services/numbering';
import type { FieldsService } from '../services/fields';
import type { EventsService } from '../services/events';
import type { TemplatesService } from '../services/templates';
import type { CustomersService } from '../services/customers';
import type { CommentsService } from '../services/comments';
import type { WorkflowService } from '../services/workflow';
import type { ApprovalsService } from '../services/approvals';
import type { TicketFactsService } from '../services/ticket-facts';
import type { RoutingService } from '../services/routing';
import type { SlaService } from '../services/sla';
import type { AssignmentService } from '../services/assignment';
import type { SlaTimersService } from '../services/sla-timers';
import type { OutboxService } from '../services/outbox';
import type { NotifyDispatcherService } from '../services/notify-dispatcher';
import type { OpsBoardService } from '../services/ops-board';
import type { StatementsService } from '../services/statements';
import type { SettlementRunsService } from '../services/settlement-runs';
import type { PricingService } from '../services/pricing';
import type { LibrariesService } from '../services/libraries';
import type { IntakeService } from '../services/intake';
import type { SourceReportService } from '../services/source-report';
import type { WecomCallbackService } from '../services/wecom-callback';
import type { WecomApiService } from '../services/wecom-api';
import type { WecomKfService } from '../services/wecom-kf';
import type { WecomMenuService } from '../services/wecom-menu';
import type { RatingsService } from '../services/ratings';
import type { H5AuthService } from '../services/h5-auth';
import type { WorkbenchService } from '../services/workbench';
import { PLUGIN_ID } from '../constants';

interface Services {
  numbering: NumberingService;
  fields: FieldsService;
  events: EventsService;
  templates: TemplatesService;
  customers: CustomersService;
  comments: CommentsService;
  workflow: WorkflowService;
  approvals: ApprovalsService;
  'ticket-facts': TicketFactsService;
  routing: RoutingService;
  sla: SlaService;
  assignment: AssignmentService;
  'sla-timers': SlaTimersService;
  outbox: OutboxService;
  'notify-dispatcher': NotifyDispatcherService;
  'ops-board': OpsBoardService;
  statements: StatementsService;
  'settlement-runs': SettlementRunsService;
  pricing: PricingService;
  libraries: LibrariesService;
  intake: IntakeService;
  'source-report': SourceReportService;
  'wecom-callback': WecomCallbackService;
  'wecom-api': WecomApiService;
  'wecom-kf': WecomKfService;
  'wecom-menu': WecomMenuService;
  ratings: RatingsService;
  'h5-auth': H5AuthService;
  workbench: WorkbenchService;
}

/** Typed access to the plugin's services (CR's `getService`). */
export const getService = <N extends keyof Services>(name: N, { strapi }: { strapi: Core.Strapi }) =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[N];
