import ticket from './ticket';
import ticketTemplate from './ticket-template';
import region from './region';
import ticketEvent from './ticket-event';
import projectLibrary from './project-library';
import settlementTier from './settlement-tier';
import approvalPolicy from './approval-policy';
import routingRule from './routing-rule';
import slaPolicy from './sla-policy';
import team from './team';
import agentProfile from './agent-profile';
import notification from './notification';
import messageTemplate from './message-template';
import settlementStatement from './settlement-statement';
import currencyRate from './currency-rate';
import priceList from './price-list';
import intakeSource from './intake-source';

export default {
  ticket,
  'ticket-template': ticketTemplate,
  region,
  'ticket-event': ticketEvent,
  'project-library': projectLibrary,
  'settlement-tier': settlementTier,
  'approval-policy': approvalPolicy,
  'routing-rule': routingRule,
  'sla-policy': slaPolicy,
  team,
  'agent-profile': agentProfile,
  notification,
  'message-template': messageTemplate,
  'settlement-statement': settlementStatement,
  'currency-rate': currencyRate,
  'price-list': priceList,
  'intake-source': intakeSource,
};
