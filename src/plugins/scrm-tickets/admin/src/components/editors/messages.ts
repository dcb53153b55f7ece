// The validator's messages (server/src/fields, in English for API clients) in the words of the
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
  [/^must be a non-empty list/, 'designer.error.visibleIn'],
  [/^must hold at most \d+ fields/, 'designer.error.tooMany'],
];

export function messageOf(t: Translate, message: string): string {
  const hit = KNOWN.find(([pattern]) => pattern.test(message));
  return hit ? t(hit[1]) : message;
}
