// The facts a routing rule or an approval level may test, with their value types. Built from a
// ticket by services/ticket-facts.ts; checked here so a rule naming a fact that does not exist is
// refused when it is saved, not silently false forever.
export type FactType = 'string' | 'number' | 'boolean' | 'string[]' | 'object';

export const FACTS: Record<string, FactType> = {
  template: 'string', // template key
  title: 'string',
  text: 'string', // title + description fields, for keyword triggers
  fields: 'object', // template fields, tested with `path: "$.key"`
  priority: 'string',
  source: 'string',
  state: 'string',
  tags: 'string[]',
  customerVipLevel: 'number',
  customerTags: 'string[]',
  region: 'string', // region code of the ticket
  regionCodes: 'string[]', // the ticket's region and its ancestors: "in 华东" is `contains`
  crossRegion: 'boolean', // the ticket's region differs from the customer's
  amountFen: 'number',
  compensationFen: 'number',
  orderAmountFen: 'number',
  hour: 'number', // 0-23, Asia/Shanghai
  weekday: 'number', // 1 (Monday) - 7, Asia/Shanghai
  workday: 'boolean', // a working day on the Chinese calendar (holidays off, 调休 on)
};

export type Facts = Partial<Record<keyof typeof FACTS, unknown>>;
