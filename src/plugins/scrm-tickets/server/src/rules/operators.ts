import type { Engine } from 'json-rules-engine';
import type { FactType } from './facts';

/** json-rules-engine's built-in operators, and the fact types each one makes sense on. */
export const OPERATORS: Record<string, { on: FactType[]; value: 'same' | 'list' | 'element' | 'strings' }> = {
  equal: { on: ['string', 'number', 'boolean'], value: 'same' },
  notEqual: { on: ['string', 'number', 'boolean'], value: 'same' },
  lessThan: { on: ['number'], value: 'same' },
  lessThanInclusive: { on: ['number'], value: 'same' },
  greaterThan: { on: ['number'], value: 'same' },
  greaterThanInclusive: { on: ['number'], value: 'same' },
  in: { on: ['string', 'number'], value: 'list' },
  notIn: { on: ['string', 'number'], value: 'list' },
  contains: { on: ['string[]'], value: 'element' },
  doesNotContain: { on: ['string[]'], value: 'element' },
  // Ours: keyword triggers (投诉, 退货) on free text, case-insensitive.
  containsAnyText: { on: ['string'], value: 'strings' },
};

/** Registers our operators on an engine (the built-ins come with it). */
export const addCustomOperators = (engine: Engine) => {
  engine.addOperator('containsAnyText', (fact: unknown, words: unknown) => {
    if (typeof fact !== 'string' || !Array.isArray(words)) return false;
    const text = fact.toLowerCase();
    return words.some((w) => typeof w === 'string' && w.length > 0 && text.includes(w.toLowerCase()));
  });
};
