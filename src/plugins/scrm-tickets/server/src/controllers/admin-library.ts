import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SECTIONS } from '../library/types';
import { validationError } from '../utils/field-errors';
import { getService } from '../utils/get-service';

// Project libraries in the admin (RBAC library.manage): the body carries the file as `library`
// (an object), `text` (its JSON or YAML) or `preset` (one the plugin ships: GET …/presets).
const fileOf = (strapi: Core.Strapi, ctx: any) => {
  const body = ctx.request.body ?? {};
  if (typeof body.preset === 'string') {
    const text = getService('libraries', { strapi }).presetText(body.preset);
    if (text === null) throw new errors.ValidationError('no such preset', { errors: [{ path: ['preset'], message: 'is not a preset of the plugin' }] });
    return text;
  }
  if (body.library === undefined && typeof body.text !== 'string') {
    throw new errors.ValidationError('library, text or preset is required', { errors: [{ path: ['library'], message: 'is required (or text with the file\'s JSON or YAML, or a preset)' }] });
  }
  return body.library ?? body.text;
};

/** `{ <section>: true | [keys] }`: anything else is a 400 at its path, not a silently empty export. */
function assertSelection(selection: unknown) {
  if (!selection || typeof selection !== 'object' || Array.isArray(selection)) {
    throw validationError([{ path: ['selection'], message: `must be { ${SECTIONS.join(' | ')}: true or a list of keys }` }]);
  }
  const errors = Object.entries(selection)
    .filter(([section, pick]) => !(SECTIONS as readonly string[]).includes(section) || !(pick === true || (Array.isArray(pick) && pick.every((k) => typeof k === 'string'))))
    .map(([section]) => ({ path: ['selection', section], message: (SECTIONS as readonly string[]).includes(section) ? 'must be true or a list of keys' : `is not a section (${SECTIONS.join(', ')})` }));
  if (errors.length) throw validationError(errors);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  presets(ctx: any) {
    ctx.body = { data: getService('libraries', { strapi }).presets() };
  },
  /** What importing would add, change (with each setting before and after) or leave alone. */
  async preview(ctx: any) {
    const { library, items } = await getService('libraries', { strapi }).plan(fileOf(strapi, ctx));
    ctx.body = { data: { key: library.key, version: library.version, items } };
  },
  /** `overwrite: true` takes the file's value where the app's was edited since the last import. */
  async import(ctx: any) {
    ctx.body = { data: await getService('libraries', { strapi }).apply(fileOf(strapi, ctx), undefined, { overwrite: ctx.request.body?.overwrite === true }) };
  },
  /** `{ key, name, industry, version, selection: { templates: [keys] | true, … } }` → the file. */
  async export(ctx: any) {
    const { selection = {}, ...meta } = ctx.request.body ?? {};
    assertSelection(selection);
    const library = await getService('libraries', { strapi }).export(meta, selection);
    // The file is checked like any import: an export always imports again.
    await getService('libraries', { strapi }).check(library);
    ctx.body = { data: library };
  },
});
