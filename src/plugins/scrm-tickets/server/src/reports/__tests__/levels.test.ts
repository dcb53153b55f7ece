import { FINE, levelFor, spansOf } from '../levels';
import { dayOf } from '../days';
import { TOTAL, type GroupBy } from '../sql';

const bySource: GroupBy = (c) => c.source;
const byAgent: GroupBy = (c) => c.agent;
const byRegion: GroupBy = (c) => `(CASE WHEN ${c.region} IN (1, 2) THEN 1 END)`;
const perDay: GroupBy = (c, anchor) => c.day(anchor);
const day = (iso: string) => dayOf(new Date(`${iso}T00:00:00+08:00`));

describe('which rollups answer a report query', () => {
  it('reads the marginal grain of the one dimension a query names, and the fine rollups for two', () => {
    const grain = (level: ReturnType<typeof levelFor>) => (level === FINE ? 'fine' : level.counts.bindings[0]);
    expect(grain(levelFor({}, TOTAL, false))).toBe('all');
    expect(grain(levelFor({}, bySource, false))).toBe('source');
    expect(grain(levelFor({ source: 'h5' }, bySource, false))).toBe('source');
    expect(grain(levelFor({ templateId: 3 }, TOTAL, false))).toBe('template');
    expect(grain(levelFor({ regionIds: [1, 2] }, TOTAL, false))).toBe('region');
    expect(grain(levelFor({}, byRegion, false))).toBe('region');
    expect(grain(levelFor({}, byAgent, false))).toBe('agent');
    expect(grain(levelFor({ templateId: 3 }, bySource, false))).toBe('fine');
    // A store manager's leaderboard: their regions and the agents.
    expect(grain(levelFor({ regionIds: [1] }, byAgent, false))).toBe('fine');
  });

  it('keeps durations of regions and agents in the fine rollups only', () => {
    expect(levelFor({}, byAgent, false).buckets).toBe(FINE.buckets);
    expect(levelFor({ regionIds: [1] }, TOTAL, false).buckets).toBe(FINE.buckets);
    expect(levelFor({ team: 'kefu' }, TOTAL, false).buckets.table).toBe('scrm_report_histograms');
  });

  it('reads whole months as months unless the grouping splits them into days', () => {
    const year = [day('2026-01-15'), day('2026-12-06')] as [number, number];
    expect(spansOf(levelFor({}, TOTAL, false), year)).toEqual([
      { span: 'day', from: day('2026-01-15'), to: day('2026-02-01') },
      { span: 'month', from: day('2026-02-01'), to: day('2026-12-01') },
      { span: 'day', from: day('2026-12-01'), to: day('2026-12-06') },
    ]);
    expect(spansOf(levelFor({}, perDay, false), year)).toEqual([{ span: 'day', from: year[0], to: year[1] }]);
    // A month trend keeps each month in one group: months may be read whole.
    expect(spansOf(levelFor({}, perDay, true), [day('2026-03-01'), day('2026-05-01')])).toEqual([{ span: 'month', from: day('2026-03-01'), to: day('2026-05-01') }]);
    // Less than a whole month: days only.
    expect(spansOf(levelFor({}, TOTAL, false), [day('2026-03-02'), day('2026-04-01')])).toEqual([{ span: 'day', from: day('2026-03-02'), to: day('2026-04-01') }]);
    expect(spansOf(FINE, year)).toEqual([{ span: 'day', from: year[0], to: year[1] }]);
  });
});
