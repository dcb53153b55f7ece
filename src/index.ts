import type { Core } from '@strapi/strapi';

// All ticket behaviour lives in the scrm-tickets plugin. The app's bootstrap runs after every
// plugin's (the admin's default roles and the Content Manager's permission actions exist by then),
// which is when the service team's roles can be made with their rights.
export default {
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const { created } = await strapi.plugin('scrm-tickets').service('staff-roles').ensure();
    if (created.length) strapi.log.info(`scrm-tickets: made the roles ${created.join(', ')}`);
  },
};
