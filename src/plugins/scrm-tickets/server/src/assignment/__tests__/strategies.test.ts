import { haversineKm, rankAgents, type Agent, type AssignmentNeeds } from '..';

const now = new Date('2026-11-24T02:00:00Z');
const agent = (id: number, extra: Partial<Agent> = {}): Agent => ({
  id,
  userId: 100 + id,
  skills: [],
  regions: [],
  capacity: 5,
  openCount: 0,
  location: null,
  onDuty: true,
  awayUntil: null,
  senior: false,
  ...extra,
});
const needs = (extra: Partial<AssignmentNeeds> = {}): AssignmentNeeds => ({ skills: [], regionCodes: [], location: null, vip: false, ...extra });
const ids = (list: Agent[]) => list.map((a) => a.id);

describe('haversineKm', () => {
  it('measures Shanghai People\'s Square to Beijing Tiananmen at about 1,067 km', () => {
    const km = haversineKm({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9087, lng: 116.3975 });
    expect(km).toBeGreaterThan(1060);
    expect(km).toBeLessThan(1075);
    expect(haversineKm({ lat: 31, lng: 121 }, { lat: 31, lng: 121 })).toBe(0);
  });
});

describe('rankAgents', () => {
  it('skips agents off duty, on leave or full', () => {
    const list = [
      agent(1, { onDuty: false }),
      agent(2, { awayUntil: new Date('2026-11-30T00:00:00Z') }),
      agent(3, { openCount: 5 }),
      agent(4, { awayUntil: new Date('2026-11-01T00:00:00Z') }),
      agent(5, { capacity: 0 }),
    ];
    expect(ids(rankAgents('least_loaded', list, needs(), { now }))).toEqual([4]);
  });

  it('round robin continues after the last assigned agent and wraps', () => {
    const list = [agent(3), agent(1), agent(2)];
    expect(ids(rankAgents('round_robin', list, needs(), { now, lastAssigned: 1 }))).toEqual([2, 3, 1]);
    expect(ids(rankAgents('round_robin', list, needs(), { now, lastAssigned: 3 }))).toEqual([1, 2, 3]);
    expect(ids(rankAgents('round_robin', list, needs(), { now }))).toEqual([1, 2, 3]);
  });

  it('least loaded compares the share of capacity in use', () => {
    const list = [agent(1, { openCount: 2, capacity: 4 }), agent(2, { openCount: 3, capacity: 10 }), agent(3, { openCount: 0 })];
    expect(ids(rankAgents('least_loaded', list, needs(), { now }))).toEqual([3, 2, 1]);
  });

  it('skill match prefers the most matching skills, then the lighter load', () => {
    const list = [agent(1, { skills: ['aircon'] }), agent(2, { skills: ['aircon', 'install'], openCount: 1 }), agent(3, { skills: ['aircon', 'install'] })];
    expect(ids(rankAgents('skill_match', list, needs({ skills: ['aircon', 'install'] }), { now }))).toEqual([3, 2, 1]);
  });

  it('same region first, then the rest by load', () => {
    const list = [agent(1), agent(2, { regions: ['EAST'], openCount: 3 }), agent(3, { regions: ['NORTH'] })];
    expect(ids(rankAgents('same_region', list, needs({ regionCodes: ['SH-XH', 'SH', 'EAST'] }), { now }))).toEqual([2, 1, 3]);
  });

  it('nearest on-duty engineer by distance from the ticket (就近派单), unknown positions last', () => {
    const site = { lat: 31.1880, lng: 121.4370 }; // 徐汇
    const list = [
      agent(1, { location: { lat: 31.2397, lng: 121.4998 } }), // 陆家嘴, ~8 km
      agent(2, { location: { lat: 31.1950, lng: 121.4450 } }), // ~1 km
      agent(3),
      agent(4, { location: { lat: 31.1951, lng: 121.4451 }, onDuty: false }),
    ];
    expect(ids(rankAgents('nearest', list, needs({ location: site }), { now }))).toEqual([2, 1, 3]);
  });

  it('VIP tickets go to senior agents first, others to the rest first', () => {
    const list = [agent(1, { senior: true, openCount: 2 }), agent(2), agent(3, { senior: true })];
    expect(ids(rankAgents('vip_senior', list, needs({ vip: true }), { now }))).toEqual([3, 1, 2]);
    expect(ids(rankAgents('vip_senior', list, needs({ vip: false }), { now }))).toEqual([2, 3, 1]);
  });
});
