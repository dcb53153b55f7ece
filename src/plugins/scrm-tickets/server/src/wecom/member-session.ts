// The session of a WeCom member on the workbench and sidebar pages: after WeCom's web
// authorization names the member, the server hands the page a token it signs itself (HMAC-SHA256
// over the payload) instead of an admin-panel login the member never typed a password for.
import { createHmac } from 'node:crypto';
import { sameText } from '../utils/raw';

export interface MemberSession {
  /** The member's admin user id (their agent profile's user). */
  adminId: number;
  wecomUserId: string;
  /** Epoch ms after which the token is refused. */
  exp: number;
}

export const SESSION_MS = 8 * 3_600_000;

const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('base64url');

export function signSession(secret: string, session: MemberSession): string {
  const body = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The session in a token, or null when it is forged, malformed or expired. */
export function verifySession(secret: string, token: unknown, now = Date.now()): MemberSession | null {
  if (typeof token !== 'string' || token.length > 1024) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || !sameText(signature, mac(secret, body))) return null;
  try {
    const session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(session?.adminId) || typeof session.wecomUserId !== 'string' || !(session.exp > now)) return null;
    return session as MemberSession;
  } catch {
    return null;
  }
}
