'use strict';

// How old a demo ticket is and how far it got: recent ones are still open, old ones mostly
// closed, so the board, the list and (later) the reports all have something to show. Pure: the
// caller passes the clock.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The path to each final state, one update per step: each step is a real state_changed event,
// and a workflow that checks transitions later still accepts them.
const PATHS = {
  new: [],
  assigned: ['assigned'],
  in_progress: ['assigned', 'in_progress'],
  pending_customer: ['assigned', 'in_progress', 'pending_customer'],
  resolved: ['assigned', 'in_progress', 'resolved'],
  closed: ['assigned', 'in_progress', 'resolved', 'closed'],
  cancelled: ['cancelled'],
};

// Final-state weights by the ticket's age in days.
const BY_AGE = [
  { days: 2, weights: { new: 35, assigned: 25, in_progress: 25, pending_customer: 10, cancelled: 5 } },
  { days: 10, weights: { new: 5, assigned: 10, in_progress: 25, pending_customer: 20, resolved: 30, cancelled: 10 } },
  { days: Infinity, weights: { in_progress: 5, pending_customer: 5, resolved: 20, closed: 60, cancelled: 10 } },
];

// How long after the previous step each step typically happens: [min, max] in ms.
const GAPS = {
  assigned: [5 * MINUTE, 2 * HOUR],
  in_progress: [10 * MINUTE, 6 * HOUR],
  pending_customer: [1 * HOUR, 24 * HOUR],
  resolved: [2 * HOUR, 72 * HOUR],
  closed: [1 * HOUR, 72 * HOUR],
  cancelled: [10 * MINUTE, 24 * HOUR],
};

// Satisfaction (1-5) of closed tickets: mostly content, a few not.
const CSAT = { 5: 55, 4: 30, 3: 10, 2: 3, 1: 2 };

/**
 * When the ticket was reported (within the last 60 days, more of them recent, never in the
 * future) and the steps that bring it to its final state, each with the time it happened and the
 * attributes it stamps. Steps never pass `now`: when the gaps would, they are scaled down.
 */
function planLifecycle(random, now) {
  const age = Math.max(10 * MINUTE, Math.floor(60 * DAY * random.next() ** 2));
  const reportedAt = new Date(now - age);
  const final = random.weighted(BY_AGE.find((band) => age < band.days * DAY).weights);
  const gaps = PATHS[final].map((state) => random.int(...GAPS[state]));
  const room = age - MINUTE;
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const scale = total > room ? room / total : 1;

  let at = reportedAt.getTime();
  const steps = PATHS[final].map((state, i) => {
    at += Math.floor(gaps[i] * scale);
    return { state, at: new Date(at), ...(state === 'closed' ? { csat: Number(random.weighted(CSAT)) } : {}) };
  });
  return { reportedAt, final, steps };
}

/** The update data of one step: the state and the timestamps that go with it. */
function stepData({ state, at, csat }, { assignee }) {
  switch (state) {
    case 'assigned':
      return { state, assignee, firstRespondedAt: at };
    case 'resolved':
      return { state, resolvedAt: at };
    case 'closed':
      return { state, closedAt: at, csat };
    default:
      return { state };
  }
}

/** The steps still to do for a ticket that is already in `current` (an interrupted run). */
const remainingSteps = (steps, current) => steps.slice(steps.findIndex((s) => s.state === current) + 1);

module.exports = { planLifecycle, stepData, remainingSteps };
