import numbering from './numbering';
import fields from './fields';
import events from './events';
import templates from './templates';
import customers from './customers';
import comments from './comments';
import ticket from './ticket';
import ticketTemplate from './ticket-template';
import workflow from './workflow';
import approvals from './approvals';
import ticketFacts from './ticket-facts';
import routing from './routing';
import sla from './sla';
import assignment from './assignment';
import slaTimers from './sla-timers';
import outbox from './outbox';
import notifyDispatcher from './notify-dispatcher';
import opsBoard from './ops-board';
import statements from './statements';
import settlementRuns from './settlement-runs';
import pricing from './pricing';
import libraries from './libraries';
import intake from './intake';
import sourceReport from './source-report';
import wecomCallback from './wecom-callback';
import wecomApi from './wecom-api';
import wecomKf from './wecom-kf';
import wecomMenu from './wecom-menu';
import ratings from './ratings';
import h5Auth from './h5-auth';
import workbench from './workbench';
import staffRoles from './staff-roles';
import staffScope from './staff-scope';
import ticketList from './ticket-list';
import ticketBatch from './ticket-batch';
import ticketDetail from './ticket-detail';
import customer360 from './customer-360';
import reports from './reports';
import reportRollups from './report-rollups';
import health from './health';
import pii from './pii';
import piiRotation from './pii-rotation';
import requestLimits from './request-limits';

export default {
  numbering,
  fields,
  events,
  templates,
  customers,
  comments,
  ticket,
  'ticket-template': ticketTemplate,
  workflow,
  approvals,
  'ticket-facts': ticketFacts,
  routing,
  sla,
  assignment,
  'sla-timers': slaTimers,
  outbox,
  'notify-dispatcher': notifyDispatcher,
  'ops-board': opsBoard,
  statements,
  'settlement-runs': settlementRuns,
  pricing,
  libraries,
  intake,
  'source-report': sourceReport,
  'wecom-callback': wecomCallback,
  'wecom-api': wecomApi,
  'wecom-kf': wecomKf,
  'wecom-menu': wecomMenu,
  ratings,
  'h5-auth': h5Auth,
  workbench,
  'staff-roles': staffRoles,
  'staff-scope': staffScope,
  'ticket-list': ticketList,
  'ticket-batch': ticketBatch,
  'ticket-detail': ticketDetail,
  'customer-360': customer360,
  reports,
  'report-rollups': reportRollups,
  health,
  pii,
  'pii-rotation': piiRotation,
  'request-limits': requestLimits,
};
