import type { Core } from '@strapi/strapi';
import { SETTLEMENT_LINE_TABLE, TICKET_UID } from '../constants';
import type { Dialect, ReportNames } from './sql';

/** The tables and link columns the report SQL reads, from Strapi's metadata. */
export function reportNames(strapi: Core.Strapi): ReportNames {
  const link = (attribute: string) => {
    const join = (strapi.db.metadata.get(TICKET_UID as any).attributes as any)[attribute].joinTable;
    return { table: join.name, ticket: join.joinColumn.name, other: join.inverseJoinColumn.name };
  };
  const [template, region, assignee] = [link('template'), link('region'), link('assignee')];
  return {
    tickets: strapi.db.metadata.get(TICKET_UID as any).tableName,
    ticketTemplate: { table: template.table, ticket: template.ticket, template: template.other },
    ticketRegion: { table: region.table, ticket: region.ticket, region: region.other },
    ticketAssignee: { table: assignee.table, ticket: assignee.ticket, user: assignee.other },
    lines: SETTLEMENT_LINE_TABLE,
  };
}

export const dialectOf = (strapi: Core.Strapi): Dialect => (strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite');
