import type { Core } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';

const TITLE_CHARS = 40;

/**
 * A chat text as a ticket of `templateKey`: the whole text in the template's first text field,
 * its first 40 characters as the title. Shared by the app callback and 微信客服.
 */
export async function textTicketData(strapi: Core.Strapi, templateKey: string, content: string) {
  const template: any = await strapi.db.query(TEMPLATE_UID as any).findOne({ where: { key: templateKey }, select: ['fieldDefinitions'] });
  const textField = (template?.fieldDefinitions ?? []).find((d: any) => d.type === 'textarea' || d.type === 'text');
  return {
    templateKey,
    title: content.length > TITLE_CHARS ? `${content.slice(0, TITLE_CHARS)}…` : content,
    fields: textField ? { [textField.key]: content } : {},
  };
}
