import type { LocalizedLabel } from '../../tickets/types';

// GET /scrm-tickets/tickets/:id/customer (server/src/services/customer-360.ts).

export interface OrderRow {
  documentId: string;
  number: string;
  amountFen: number;
  state: string;
  createdAt: string;
}

export interface OpportunityRow {
  documentId: string;
  title: string;
  stage: string;
  expectedAmountFen: number | null;
  createdAt: string;
}

export interface OtherTicket {
  documentId: string;
  number: string;
  title: string;
  state: string;
  stateLabel: LocalizedLabel | null;
  createdAt: string;
}

interface Recent<T> {
  total: number;
  recent: T[];
}

export interface WecomFollower {
  userId: string;
  remark: string | null;
  description: string | null;
  addedAt: string | null;
  tags: string[];
}

export interface Customer360 {
  customer: {
    documentId: string;
    name: string;
    mobile: string | null;
    email: string | null;
    address: string | null;
    vipLevel: number;
    tags: string[];
    region: { code: string; name: string } | null;
    since: string;
  } | null;
  /** What this ticket is linked to. */
  order: OrderRow | null;
  opportunity: OpportunityRow | null;
  tickets: Recent<OtherTicket> | null;
  orders: Recent<OrderRow> | null;
  opportunities: Recent<OpportunityRow> | null;
  wecom: {
    externalUserId: string | null;
    kf: boolean;
    lastKfMessageAt: string | null;
    /** null: WeCom is not set up; available false: it did not answer. */
    profile: { available: true; name: string | null; corpName: string | null; type: number | null; followers: WecomFollower[] } | { available: false } | null;
  } | null;
}

export interface NewOpportunity {
  title: string;
  expectedAmountFen: number | null;
  stage: string;
}

export const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
