// Checks an SLA policy's escalation levels before they are saved; every error with its path. Pure.
import type { FieldError, Path } from '../fields/types';

const STATE_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const LEVEL_PROPS = new Set(['key', 'at', 'afterMinutes', 'notify', 'escalate']);
export const ESCALATION_NOTIFY = ['assignee', 'team_lead', 'regional_manager'] as const;

/** Escalation levels: `{ key, at: warn | breach, afterMinutes?, notify?, escalate? }`, keys unique. */
export function validateEscalations(levels: unknown, basePath: Path = ['escalations']): FieldError[] {
  if (!Array.isArray(levels) || levels.length > 10) return [{ path: basePath, message: 'must be a list of at most 10 levels' }];
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  levels.forEach((l: any, i) => {
    const at = [...basePath, i];
    if (!l || typeof l !== 'object' || Array.isArray(l)) return void errors.push({ path: at, message: 'must be { key, at, afterMinutes?, notify?, escalate? }' });
    for (const prop of Object.keys(l)) if (!LEVEL_PROPS.has(prop)) errors.push({ path: [...at, prop], message: 'is not a level property' });
    if (typeof l.key !== 'string' || !STATE_KEY.test(l.key) || keys.has(l.key)) errors.push({ path: [...at, 'key'], message: 'must be a unique lower-case key' });
    else keys.add(l.key);
    if (l.at !== 'warn' && l.at !== 'breach') errors.push({ path: [...at, 'at'], message: 'must be warn or breach' });
    if (l.afterMinutes !== undefined && (!Number.isSafeInteger(l.afterMinutes) || l.afterMinutes < 0 || l.at !== 'breach')) {
      errors.push({ path: [...at, 'afterMinutes'], message: 'must be a whole number of minutes after a breach' });
    }
    if (l.notify !== undefined && !(ESCALATION_NOTIFY as readonly string[]).includes(l.notify))
      errors.push({ path: [...at, 'notify'], message: `must be one of ${ESCALATION_NOTIFY.join(', ')}` });
    if (l.escalate !== undefined && typeof l.escalate !== 'boolean') errors.push({ path: [...at, 'escalate'], message: 'must be true or false' });
  });
  return errors;
}
