import type { Core } from '@strapi/strapi';
import { MESSAGE_TEMPLATE_UID, NOTIFICATION_UID } from '../constants';
import { assertNoErrors, type PathError } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import { forbidden } from '../utils/forbidden';
import { checkText, LOCALES, TEXT_KEYS } from '../notifications/texts';
import { isPlainObject } from '../fields/guards';
import type { DocumentMiddleware } from './types';

const READS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/** Liquid problems of one text (a title or a body) at `path`. */
function partErrors(value: unknown, path: (string | number)[]): PathError[] {
  if (typeof value !== 'string' || value.trim() === '') return [{ path, message: 'must be a non-empty text' }];
  return checkText(value).map((message) => ({ path, message }));
}

/** Liquid problems of a `{ title, body }` text at `path`. */
export function textErrors(text: Record<string, unknown>, path: (string | number)[]): PathError[] {
  return [...partErrors(text.title, [...path, 'title']), ...partErrors(text.body, [...path, 'body'])];
}

/** A ticket template's `notificationTexts`: `{ <text key>: { <locale>: { title, body } } }`. */
export function notificationTextsErrors(value: unknown): PathError[] {
  if (value === null || value === undefined) return [];
  if (!isPlainObject(value)) return [{ path: ['notificationTexts'], message: 'must be { <text key>: { "zh-Hans": { title, body }, "en": … } }' }];
  const errors: PathError[] = [];
  for (const [key, locales] of Object.entries(value)) {
    const at = ['notificationTexts', key];
    if (!(key in TEXT_KEYS)) {
      errors.push({ path: at, message: `is not a text key; known: ${Object.keys(TEXT_KEYS).join(', ')}` });
      continue;
    }
    if (!isPlainObject(locales)) {
      errors.push({ path: at, message: 'must be { "zh-Hans": { title, body }, "en": … }' });
      continue;
    }
    for (const [locale, text] of Object.entries(locales)) {
      if (!(LOCALES as readonly string[]).includes(locale)) errors.push({ path: [...at, locale], message: `must be one of ${LOCALES.join(', ')}` });
      else if (!isPlainObject(text)) errors.push({ path: [...at, locale], message: 'must be { title, body }' });
      else errors.push(...textErrors(text, [...at, locale]));
    }
  }
  return errors;
}

/**
 * Message texts are saved only when they render: known variables and filters, valid Liquid.
 * Outbox rows are written by the notification services alone; by hand they are read-only
 * (a dead one is retried through its admin route).
 */
export const messageTextWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid === NOTIFICATION_UID && !READS.has(ctx.action)) {
      throw forbidden('Notifications are written by the outbox; retry a dead one from its retry action');
    }
    if (ctx.uid !== MESSAGE_TEMPLATE_UID || READS.has(ctx.action)) return next();
    if (ctx.action === 'create' || ctx.action === 'update') {
      const data = ctx.params.data ?? {};
      const errors: PathError[] = [];
      for (const part of ['title', 'body'] as const) {
        if (ctx.action === 'create' || part in data) errors.push(...partErrors(data[part], [part]));
      }
      assertNoErrors(errors);
    }
    const result = await next();
    getService('outbox', { strapi }).invalidateTexts();
    return result;
  };
