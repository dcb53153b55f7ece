import type { Core } from '@strapi/strapi';
import { customerPii } from './customer-pii';
import { customerScope } from './customer-scope';
import { staffScope } from './staff-scope';
import { ticketWrites } from './ticket-writes';
import { eventGuard } from './event-guard';
import { templateWrites } from './template-writes';
import { approvalPolicyWrites } from './approval-policy-writes';
import { routingRuleWrites } from './routing-rule-writes';
import { slaPolicyWrites } from './sla-policy-writes';
import { messageTextWrites } from './message-text-writes';
import { settlementTierWrites } from './settlement-tier-writes';
import { statementGuard } from './statement-guard';
import { currencyRateWrites } from './currency-rate-writes';
import { priceListWrites } from './price-list-writes';
import { intakeSourceWrites } from './intake-source-writes';

/**
 * Order matters: customer PII is sealed and revealed outermost (every other middleware sees
 * plaintext results and sealed data); scoping runs outside the write logic, so a foreign ticket
 * is never even read.
 */
export const registerDocumentMiddlewares = (strapi: Core.Strapi) => {
  strapi.documents.use(customerPii(strapi) as any);
  strapi.documents.use(customerScope(strapi) as any);
  strapi.documents.use(staffScope(strapi) as any);
  strapi.documents.use(ticketWrites(strapi) as any);
  strapi.documents.use(eventGuard() as any);
  strapi.documents.use(templateWrites(strapi) as any);
  strapi.documents.use(approvalPolicyWrites(strapi) as any);
  strapi.documents.use(routingRuleWrites(strapi) as any);
  strapi.documents.use(slaPolicyWrites(strapi) as any);
  strapi.documents.use(messageTextWrites(strapi) as any);
  strapi.documents.use(settlementTierWrites(strapi) as any);
  strapi.documents.use(statementGuard() as any);
  strapi.documents.use(currencyRateWrites() as any);
  strapi.documents.use(priceListWrites(strapi) as any);
  strapi.documents.use(intakeSourceWrites(strapi) as any);
};
