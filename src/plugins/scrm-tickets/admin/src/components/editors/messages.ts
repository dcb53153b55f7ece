// The validators' messages (server/src, in English for API clients) in the words of the
// admin's language: the common ones by their start; any other is shown as the server wrote it.
import type { Translate } from '../tickets/useT';

const KNOWN: [RegExp, string][] = [
  [/^must be a valid regular expression/, 'designer.error.pattern'],
  [/^repeats the key/, 'designer.error.keyRepeated'],
  [/^must start with a lower-case letter/, 'designer.error.key'],
  [/^must have a zh-Hans text/, 'designer.error.label'],
  [/^must list at least one option/, 'designer.error.noOptions'],
  [/^repeats the option/, 'designer.error.optionRepeated'],
  [/^must be a non-empty string of at most/, 'designer.error.optionValue'],
  [/^must not be less than min/, 'designer.error.maxBelowMin'],
  [/^names no field of this template/, 'designer.error.visibleField'],
  [/^cannot refer to the field itself/, 'designer.error.visibleSelf'],
  [/^forms a loop of visibleWhen conditions/, 'designer.error.visibleLoop'],
  [/^must have exactly one of equals, in, notEmpty/, 'designer.error.visibleCondition'],
  [/^must be a non-empty list$/, 'designer.error.visibleIn'],
  [/^must hold at most \d+ fields/, 'designer.error.tooMany'],
  // The workflow's (server/src/workflow/validate-workflow.ts).
  [/^cannot be reached from/, 'workflow.error.unreachable'],
  [/^is not final but has no transition out of it/, 'workflow.error.deadEnd'],
  [/^is final and cannot have transitions out of it/, 'workflow.error.finalExit'],
  [/^cannot be the initial state/, 'workflow.error.finalInitial'],
  [/^names no state of this workflow/, 'workflow.error.noState'],
  [/^must differ from from/, 'workflow.error.selfLoop'],
  [/^is used by another state/, 'workflow.error.keyRepeated'],
  [/^is reserved: tickets wait for approval/, 'workflow.error.reserved'],
  [/^must be a lower-case key/, 'workflow.error.key'],
  [/^must name at least one final state/, 'workflow.error.noFinal'],
  [/^must name at least one state/, 'workflow.error.noFrom'],
  [/^must be a non-empty list of role codes or names/, 'workflow.error.roles'],
  [/^is used by another item of this checklist/, 'workflow.error.checkRepeated'],
  [/^is used by another level/, 'workflow.error.keyRepeated'],
  [/^must be a lower-case key$/, 'workflow.error.key'],
  [/^must list 1 to \d+ levels/, 'approval.error.levels'],
  // The rule builder's (server/src/rules/conditions.ts, actions.ts).
  [/^must be a non-empty list of values/, 'rules.error.list'],
  [/^must be a non-empty list of words/, 'rules.error.words'],
  [/^must be a non-empty list of conditions/, 'rules.error.emptyGroup'],
  [/^must start with all, any or not/, 'rules.error.emptyGroup'],
  [/^does not apply to/, 'rules.error.operator'],
  [/^must name a field/, 'rules.error.field'],
  [/^nests deeper than/, 'rules.error.depth'],
  [/^a rule may test at most/, 'rules.error.leaves'],
  [/^must be a (string|number|boolean)$/, 'rules.error.value'],
  [/^must be a string, number or boolean/, 'rules.error.value'],
  [/^must list 1 to \d+ actions/, 'rules.error.actions'],
  [/^must be 1-20 tags/, 'rules.error.tags'],
  [/^must be a team key/, 'rules.error.team'],
  [/^must be the key of an approval policy/, 'rules.error.policy'],
  [/^must be the id of an admin user/, 'rules.error.agent'],
  // The settlement tier's (server/src/settlement/validate-tier.ts).
  [/^must be above the previous bracket/, 'tier.error.overlap'],
  [/^must be a decimal string between "0" and "1"/, 'tier.error.rate'],
  [/^must be a whole number of fen/, 'tier.error.fen'],
  [/^must be null on the last bracket/, 'tier.error.lastBound'],
  [/^rates add up to .* over 100 %/, 'tier.error.splitOver'],
  [/^the last level takes the remainder: with rates on every level/, 'tier.error.splitLast'],
  [/^is listed twice$/, 'tier.error.partyTwice'],
  // The business hours' (server/src/business-time/validate-schedule.ts).
  [/^must be HH:mm/, 'sla.error.window'],
  [/^must be after start/, 'sla.error.windowOrder'],
  [/^must not be before the end of the previous window/, 'sla.error.windowOverlap'],
  [/^must be a date YYYY-MM-DD/, 'sla.error.date'],
  [/^is also listed as a holiday/, 'sla.error.dateHoliday'],
];

export function messageOf(t: Translate, message: string): string {
  const hit = KNOWN.find(([pattern]) => pattern.test(message));
  return hit ? t(hit[1]) : message;
}
