import type { Core } from '@strapi/strapi';

/** Who did something, as stored on ticket events. */
export interface Actor {
  kind: 'admin' | 'user' | 'api-token' | 'system';
  id?: number | string;
  name?: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', name: 'system' };

/**
 * The actor of the current request (admin panel, users-permissions user or API token), or the
 * system when there is no request (scripts, jobs). Read from Strapi's request context so
 * document-service middlewares know who is writing without controllers passing it down.
 */
export const currentActor = (strapi: Core.Strapi): Actor => {
  const ctx = strapi.requestContext.get() as any;
  const auth = ctx?.state?.auth;
  const strategy: string | undefined = auth?.strategy?.name;
  const credentials = auth?.credentials;
  if ((strategy === 'admin' || strategy === 'admin-token') && credentials) {
    const name = [credentials.firstname, credentials.lastname].filter(Boolean).join(' ');
    return { kind: 'admin', id: credentials.id, name: name || credentials.email };
  }
  if (strategy === 'users-permissions' && credentials) {
    return { kind: 'user', id: credentials.id, name: credentials.username };
  }
  if ((strategy === 'content-api-token' || strategy === 'api-token') && credentials) {
    return { kind: 'api-token', id: credentials.id, name: credentials.name };
  }
  return SYSTEM_ACTOR;
};

/** The users-permissions user behind the current request, when a customer (not staff) is calling. */
export const currentEndUserId = (strapi: Core.Strapi): number | null => {
  const ctx = strapi.requestContext.get() as any;
  const auth = ctx?.state?.auth;
  return auth?.strategy?.name === 'users-permissions' && auth.credentials ? auth.credentials.id : null;
};
