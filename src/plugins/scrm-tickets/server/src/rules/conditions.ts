// Checks a json-rules-engine condition tree before it is saved: known facts, operators that fit
// the fact's type, values of the right shape, bounded size. Pure; errors carry JSON paths.
import { isPlainObject } from '../fields/guards';
import type { FieldError, Path } from '../fields/types';
import { FACTS, type FactType } from './facts';
import { OPERATORS } from './operators';

const MAX_DEPTH = 6;
const MAX_LEAVES = 100;
const FIELD_PATH = /^\$\.[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

interface Budget {
  leaves: number;
}

const typeOf = (v: unknown): FactType | null => {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' && Number.isFinite(v)) return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return null;
};

function checkLeaf(c: Record<string, unknown>, path: Path, errors: FieldError[]) {
  for (const prop of Object.keys(c)) {
    if (!['fact', 'operator', 'value', 'path'].includes(prop)) errors.push({ path: [...path, prop], message: 'is not a condition property' });
  }
  const factType = typeof c.fact === 'string' ? FACTS[c.fact] : undefined;
  if (!factType) return void errors.push({ path: [...path, 'fact'], message: `must be one of ${Object.keys(FACTS).join(', ')}` });
  const operator = typeof c.operator === 'string' ? OPERATORS[c.operator] : undefined;
  if (!operator) return void errors.push({ path: [...path, 'operator'], message: `must be one of ${Object.keys(OPERATORS).join(', ')}` });

  // `fields` is an object: a condition on it names one field with `path: "$.key"`, whose value
  // may be of any scalar type.
  if (factType === 'object') {
    if (typeof c.path !== 'string' || !FIELD_PATH.test(c.path)) {
      return void errors.push({ path: [...path, 'path'], message: 'must name a field: "$.fieldKey"' });
    }
  } else if (c.path !== undefined) {
    return void errors.push({ path: [...path, 'path'], message: `is only for the fields fact` });
  }
  if (factType !== 'object' && !operator.on.includes(factType)) {
    return void errors.push({ path: [...path, 'operator'], message: `does not apply to ${c.fact} (a ${factType})` });
  }
  const value = c.value;
  const at = [...path, 'value'];
  const scalar = factType === 'string[]' ? 'string' : factType;
  switch (operator.value) {
    case 'same':
      if (factType === 'object' ? typeOf(value) === null : typeOf(value) !== scalar) errors.push({ path: at, message: `must be a ${scalar === 'object' ? 'string, number or boolean' : scalar}` });
      break;
    case 'list':
      if (!Array.isArray(value) || value.length === 0 || value.length > 500 || value.some((v) => typeOf(v) === null)) {
        errors.push({ path: at, message: 'must be a non-empty list of values' });
      }
      break;
    case 'element':
      if (typeof value !== 'string') errors.push({ path: at, message: 'must be a string' });
      break;
    case 'strings':
      if (!Array.isArray(value) || value.length === 0 || value.length > 200 || value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > 50)) {
        errors.push({ path: at, message: 'must be a non-empty list of words (1-50 characters each)' });
      }
      break;
  }
}

function checkNode(node: unknown, path: Path, depth: number, budget: Budget, errors: FieldError[]) {
  if (!isPlainObject(node)) return void errors.push({ path, message: 'must be a condition: { all | any | not } or { fact, operator, value }' });
  if (depth > MAX_DEPTH) return void errors.push({ path, message: `nests deeper than ${MAX_DEPTH} levels` });
  const groups = ['all', 'any', 'not'].filter((k) => k in node);
  if (groups.length > 1 || (groups.length === 1 && Object.keys(node).length > 1)) {
    return void errors.push({ path, message: 'must have exactly one of all, any, not' });
  }
  if (groups[0] === 'not') return checkNode(node.not, [...path, 'not'], depth + 1, budget, errors);
  if (groups.length === 1) {
    const list = node[groups[0]];
    if (!Array.isArray(list) || list.length === 0) return void errors.push({ path: [...path, groups[0]], message: 'must be a non-empty list of conditions' });
    list.forEach((child, i) => checkNode(child, [...path, groups[0], i], depth + 1, budget, errors));
    return;
  }
  budget.leaves += 1;
  if (budget.leaves === MAX_LEAVES + 1) errors.push({ path, message: `a rule may test at most ${MAX_LEAVES} conditions` });
  checkLeaf(node, path, errors);
}

/** Every error of a top-level condition (`{ all: [...] }`, `{ any: [...] }` or `{ not: ... }`). */
export function validateConditions(value: unknown, basePath: Path): FieldError[] {
  const errors: FieldError[] = [];
  if (!isPlainObject(value) || !['all', 'any', 'not'].some((k) => k in value)) {
    return [{ path: basePath, message: 'must start with all, any or not' }];
  }
  checkNode(value, basePath, 1, { leaves: 0 }, errors);
  return errors;
}
