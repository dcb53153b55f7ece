import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import { PLUGIN_ID } from '../constants';
import type { H5Limits, PluginConfig } from '../config';
import { providersFor } from '../channels';
import { validationError } from '../utils/field-errors';
import { sameText } from '../utils/raw';
import { getService } from '../utils/get-service';
import { notificationsConfig } from './outbox';

const TABLE = 'scrm_h5_login_codes';
const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';
const USER_UID = 'plugin::users-permissions.user';
const MOBILE = /^1[3-9]\d{9}$/;
const HOUR_MS = 3_600_000;

/** The users-permissions role H5 customers sign in with, and what it may do. */
export const H5_ROLE = { type: 'scrm-h5-customer', name: '客户 (H5)', description: 'Customers signed in on the H5 pages by SMS code' };
export const H5_ACTIONS = [
  'plugin::scrm-tickets.ticket.find',
  'plugin::scrm-tickets.ticket.findOne',
  'plugin::scrm-tickets.ticket.create',
  'plugin::scrm-tickets.ticket.comment',
  'plugin::scrm-tickets.ticket.events',
  'plugin::scrm-tickets.ticket.rate',
  'plugin::scrm-tickets.ticket-template.find',
  'plugin::scrm-tickets.ticket-template.findOne',
  'plugin::upload.content-api.upload',
  'plugin::users-permissions.user.me',
];

export const DEFAULT_H5_LIMITS: H5Limits = { codeTtlMs: 5 * 60_000, resendAfterMs: 60_000, perMobilePerHour: 5, perIpPerHour: 20, maxAttempts: 5 };

const tooMany = (retryAfterMs: number) =>
  new errors.RateLimitError('Too many SMS codes requested: try again later', { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
const wrongCode = () => validationError([{ path: ['code'], message: 'is wrong or has expired' }]);

/**
 * Sign-in on the customer H5 pages: a 6-digit code by SMS (the configured provider; in a
 * non-production app without one, the server log), then a users-permissions JWT of the customer
 * with that mobile — made on first sign-in — in the `客户 (H5)` role, so the pages use the same
 * REST routes, customer scoping and validation as every other client. Codes are kept as keyed
 * hashes, live 5 minutes, die after 5 wrong tries and sign in once; sends are limited per mobile
 * (one a minute, five an hour) and per IP (twenty an hour), counted in the database so the
 * limits hold across instances.
 */
const createH5AuthService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const limits = (): H5Limits => ({ ...DEFAULT_H5_LIMITS, ...((strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig).h5 ?? {}) });
  const hashOf = (mobile: string, code: string) => {
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    return createHmac('sha256', keys?.[0] ?? 'scrm-h5').update(`${mobile}:${code}`).digest('hex');
  };
  const checkMobile = (mobile: unknown): string => {
    if (typeof mobile !== 'string' || !MOBILE.test(mobile)) throw validationError([{ path: ['mobile'], message: 'must be a Chinese mobile number (11 digits)' }]);
    return mobile;
  };

  // The codes table keeps the mobile's lookup hash, never the number (docs/operations.md).
  const mobileKey = (mobile: string) => getService('pii', { strapi }).mobileHash(mobile);
  /** The users-permissions user of an H5 customer is named by a hash of the mobile, not the number. */
  const userNameFor = (mobile: string) => `h5_${mobileKey(mobile).slice(0, 32)}`;
  /** 138****8000: enough to tell numbers apart in a log. */
  const masked = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;

  async function checkLimits(mobile: string, ip: string, now: number, l: H5Limits) {
    const recent = await knex()(TABLE).where({ mobile_hash: mobileKey(mobile) }).where('created_at', '>', now - HOUR_MS).orderBy('created_at', 'desc').select('created_at');
    const times = recent.map((r: any) => Number(r.created_at));
    if (times.length && times[0] + l.resendAfterMs > now) throw tooMany(times[0] + l.resendAfterMs - now);
    if (times.length >= l.perMobilePerHour) throw tooMany(times[l.perMobilePerHour - 1] + HOUR_MS - now);
    const fromIp = await knex()(TABLE).where({ ip }).where('created_at', '>', now - HOUR_MS).orderBy('created_at', 'desc').limit(l.perIpPerHour).select('created_at');
    if (fromIp.length >= l.perIpPerHour) throw tooMany(Number(fromIp[l.perIpPerHour - 1].created_at) + HOUR_MS - now);
  }

  async function sendCode(id: number, mobile: string, code: string, l: H5Limits) {
    const config = notificationsConfig(strapi);
    const sms = providersFor(config, getService('wecom-api', { strapi }).tokens()).get('sms');
    const minutes = String(Math.round(l.codeTtlMs / 60_000));
    if (!sms) {
      if (process.env.NODE_ENV === 'production') throw createHttpError(503, 'SMS is not configured', { name: 'ServiceUnavailableError', details: {} });
      strapi.log.info(`scrm-tickets: H5 login code for ${mobile}: ${code} (no SMS provider configured: demo only)`);
      return;
    }
    await sms.send({
      key: `h5-login-${id}`,
      recipient: { kind: 'customer', id: 0, name: '', locale: 'zh-Hans', mobile },
      message: { title: '登录验证码', body: `您的验证码是 ${code}，${minutes} 分钟内有效。` },
      textKey: 'login_code',
      vars: { code, minutes },
      urgent: true,
    });
  }

  const service = {
    async requestCode(mobileInput: unknown, ip: string, now = Date.now()) {
      const mobile = checkMobile(mobileInput);
      const l = limits();
      await checkLimits(mobile, ip, now, l);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const [row] = await knex()(TABLE)
        .insert({ mobile_hash: mobileKey(mobile), ip: ip.slice(0, 64), code_hash: hashOf(mobile, code), attempts: 0, status: 'sent', created_at: now, expires_at: now + l.codeTtlMs })
        .returning('id');
      const id = Number(typeof row === 'object' ? row.id : row);
      try {
        await sendCode(id, mobile, code, l);
      } catch (error) {
        // Not sent: it must neither sign in nor count against the customer's limit.
        await knex()(TABLE).where({ id }).delete();
        if ((error as any)?.status === 503) throw error;
        strapi.log.warn(`scrm-tickets: H5 login code to ${masked(mobile)}: ${(error as Error).message}`);
        throw createHttpError(503, 'The SMS code could not be sent: try again later', { name: 'ServiceUnavailableError', details: {} });
      }
      return { retryAfterSeconds: Math.ceil(l.resendAfterMs / 1000) };
    },

    async login(mobileInput: unknown, codeInput: unknown, now = Date.now()) {
      const mobile = checkMobile(mobileInput);
      if (typeof codeInput !== 'string' || !/^\d{6}$/.test(codeInput)) throw validationError([{ path: ['code'], message: 'must be the 6-digit code' }]);
      const l = limits();
      const row = await knex()(TABLE).where({ mobile_hash: mobileKey(mobile), status: 'sent' }).where('expires_at', '>', now).orderBy('id', 'desc').first();
      if (!row) throw wrongCode();
      if (!sameText(row.code_hash, hashOf(mobile, codeInput))) {
        await knex()(TABLE).where({ id: row.id }).increment('attempts', 1);
        await knex()(TABLE).where({ id: row.id, status: 'sent' }).where('attempts', '>=', l.maxAttempts).update({ status: 'dead' });
        throw wrongCode();
      }
      // One sign-in per code, even when two arrive at once.
      const claimed = await knex()(TABLE).where({ id: row.id, status: 'sent' }).where('attempts', '<', l.maxAttempts).update({ status: 'used' });
      if (!claimed) throw wrongCode();
      const { user, customer } = await service.customerUser(mobile);
      const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
      return { jwt, customer: { documentId: customer.documentId, name: customer.name, mobile } };
    },

    /** The customer with this mobile (made if new) and their users-permissions user (likewise). */
    async customerUser(mobile: string) {
      const { customerUid } = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
      const customers = strapi.documents(customerUid as any);
      let customer: any = await customers.findFirst({ filters: { mobile }, populate: { user: true } } as any);
      customer ??= await customers.create({ data: { name: `客户${mobile.slice(-4)}`, mobile, notifyChannels: ['sms'] } } as any);
      if (customer.user) {
        if (customer.user.blocked) throw new errors.ForbiddenError('This account is blocked');
        return { user: customer.user, customer };
      }
      const role = await service.ensureRole();
      const username = userNameFor(mobile);
      const user =
        (await strapi.db.query(USER_UID as any).findOne({ where: { username } })) ??
        (await strapi.plugin('users-permissions').service('user').add({
          username,
          email: `${username.slice(3)}@h5.customers.invalid`,
          provider: 'h5-sms',
          // Never used: these customers sign in by code only.
          password: randomBytes(24).toString('base64url'),
          confirmed: true,
          blocked: false,
          role: role.id,
        }));
      await customers.update({ documentId: customer.documentId, data: { user: user.id } } as any);
      return { user, customer };
    },

    /**
     * H5 users made before encryption were named `h5_<mobile>` (and mailed `<mobile>@...`): renamed
     * to the hashed form, so the users table holds no numbers either. Run by the PII rotation.
     */
    async renameLegacyUsers(): Promise<number> {
      const users: any[] = await strapi.db.query(USER_UID as any).findMany({ where: { provider: 'h5-sms', username: { $startsWith: 'h5_1' } }, select: ['id', 'username'] });
      let renamed = 0;
      for (const user of users) {
        const mobile = user.username.slice(3);
        if (!MOBILE.test(mobile)) continue;
        const username = userNameFor(mobile);
        await strapi.db.query(USER_UID as any).update({ where: { id: user.id }, data: { username, email: `${username.slice(3)}@h5.customers.invalid` } });
        renamed += 1;
      }
      return renamed;
    },

    /**
     * The `客户 (H5)` role with its actions, made (or completed) at the first sign-in — not at
     * bootstrap: users-permissions makes its default roles only while there is no role at all.
     */
    async ensureRole(): Promise<{ id: number }> {
      const roles = strapi.db.query(ROLE_UID as any);
      const role = (await roles.findOne({ where: { type: H5_ROLE.type } })) ?? (await roles.create({ data: H5_ROLE }));
      const granted = new Set(
        (await strapi.db.query(PERMISSION_UID as any).findMany({ where: { role: role.id }, select: ['action'] })).map((p: any) => p.action)
      );
      for (const action of H5_ACTIONS) {
        if (!granted.has(action)) await strapi.db.query(PERMISSION_UID as any).create({ data: { action, role: role.id } });
      }
      return role;
    },
  };
  return service;
};

export type H5AuthService = ReturnType<typeof createH5AuthService>;
export default createH5AuthService;
