import { dueTimes, pausesFromHistory, slaMet } from '..';

const H = 3600_000;
const t0 = Date.UTC(2026, 10, 24, 1, 0); // 09:00 Shanghai, a Tuesday
const pausing = new Set(['pending_customer']);

describe('pausesFromHistory', () => {
  it('turns the status history into closed pauses and an open one', () => {
    const changes = [
      { at: t0 + 1 * H, to: 'in_progress' },
      { at: t0 + 2 * H, to: 'pending_customer' },
      { at: t0 + 3 * H, to: 'in_progress' },
      { at: t0 + 4 * H, to: 'pending_customer' },
    ];
    expect(pausesFromHistory('new', t0, changes, pausing)).toEqual({
      pauses: [{ start: t0 + 2 * H, end: t0 + 3 * H }],
      pausedSince: t0 + 4 * H,
    });
  });

  it('ignores moves between two pausing states and starts no earlier than the report', () => {
    const both = new Set(['pending_customer', 'waiting_parts']);
    const changes = [
      { at: t0 - H, to: 'pending_customer' },
      { at: t0 + H, to: 'waiting_parts' },
      { at: t0 + 2 * H, to: 'in_progress' },
    ];
    expect(pausesFromHistory('new', t0, changes, both)).toEqual({ pauses: [{ start: t0, end: t0 + 2 * H }], pausedSince: null });
    expect(pausesFromHistory('pending_customer', t0, [], both)).toEqual({ pauses: [], pausedSince: t0 });
  });
});

describe('dueTimes and slaMet', () => {
  const policy = { firstResponseMinutes: 30, resolutionMinutes: 120, schedule: { hours: 'always' as const } };
  it('counts from the report, adds closed pauses, and has no due time while paused', () => {
    const reported = new Date(t0);
    expect(dueTimes(reported, policy, { pauses: [], pausedSince: null })).toEqual({
      firstResponseDueAt: new Date(t0 + 0.5 * H),
      resolutionDueAt: new Date(t0 + 2 * H),
    });
    expect(dueTimes(reported, policy, { pauses: [{ start: t0 + H, end: t0 + 2 * H }], pausedSince: null }).resolutionDueAt).toEqual(new Date(t0 + 3 * H));
    expect(dueTimes(reported, policy, { pauses: [], pausedSince: t0 + H })).toEqual({ firstResponseDueAt: null, resolutionDueAt: null });
    expect(dueTimes(reported, { ...policy, firstResponseMinutes: null }, { pauses: [], pausedSince: null }).firstResponseDueAt).toBeNull();
  });

  it('is met only when both the first response and the resolution were in time', () => {
    const due = { firstResponseDueAt: new Date(t0 + H), resolutionDueAt: new Date(t0 + 4 * H) };
    expect(slaMet({ ...due, firstRespondedAt: new Date(t0), resolvedAt: new Date(t0 + 4 * H) })).toBe(true);
    expect(slaMet({ ...due, firstRespondedAt: new Date(t0 + 2 * H), resolvedAt: new Date(t0 + 3 * H) })).toBe(false);
    expect(slaMet({ ...due, firstRespondedAt: null, resolvedAt: new Date(t0 + 5 * H) })).toBe(false);
    expect(slaMet({ ...due, firstRespondedAt: null, resolvedAt: new Date(t0 + 0.5 * H) })).toBe(true);
    expect(slaMet({ ...due, firstRespondedAt: null, resolvedAt: null })).toBeNull();
  });
});
