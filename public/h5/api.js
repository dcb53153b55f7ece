// Talks to the ticket server: the signed-in session, JSON requests, photo uploads, and server
// errors turned into Chinese text (the server answers in English).

const JWT_KEY = 'scrm-h5-jwt';
const CUSTOMER_KEY = 'scrm-h5-customer';
// Ticket fields hold bare file ids and customers may not look files up, so the pages remember
// the URLs of the photos they uploaded to show them again on the ticket.
const FILES_KEY = 'scrm-h5-files';
const FILES_KEPT = 200;

export const session = {
  get jwt() {
    return localStorage.getItem(JWT_KEY);
  },
  save({ jwt, customer }) {
    localStorage.setItem(JWT_KEY, jwt);
    localStorage.setItem(CUSTOMER_KEY, JSON.stringify(customer ?? null));
  },
  clear() {
    for (const key of [JWT_KEY, CUSTOMER_KEY, FILES_KEY]) localStorage.removeItem(key);
  },
};

class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.status = status; // 0: the request never got an answer
    this.details = error?.details ?? {};
  }
  get fieldErrors() {
    return this.details.errors ?? [];
  }
  /** Whether the server blamed this input, e.g. hasPath('mobile'). */
  hasPath(name) {
    return this.fieldErrors.some((e) => e.path?.[0] === name);
  }
}

/** A JSON (or multipart) request; `base` is /api for Strapi's own upload route. */
export async function request(method, path, { body, headers = {}, base = '/api/scrm-tickets' } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  // The member pages send their own (WeCom member) Authorization; the customer's JWT otherwise.
  const asCustomer = !headers.Authorization;
  if (asCustomer && session.jwt) init.headers.Authorization = `Bearer ${session.jwt}`;
  if (body instanceof FormData) init.body = body; // the browser sets the multipart boundary
  else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(base + path, init);
  } catch {
    throw new ApiError(0, null);
  }
  const json = await res.json().catch(() => null);
  if (res.status === 401 && asCustomer) {
    // Expired or revoked sign-in: start over rather than fail every call after this one.
    session.clear();
    location.hash = '#/login';
  }
  if (!res.ok) throw new ApiError(res.status, json?.error);
  return json;
}

/** Uploads images in one request; answers the files in the order given. */
export async function upload(files) {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  const saved = await request('POST', '/upload', { body: form, base: '/api' });
  const known = JSON.parse(localStorage.getItem(FILES_KEY) || '{}');
  for (const f of saved) known[f.id] = f.formats?.thumbnail?.url || f.url;
  const kept = Object.entries(known).slice(-FILES_KEPT);
  localStorage.setItem(FILES_KEY, JSON.stringify(Object.fromEntries(kept)));
  return saved;
}

/** The URL of a photo uploaded from this browser, if it is remembered. */
export const fileUrl = (id) => JSON.parse(localStorage.getItem(FILES_KEY) || '{}')[id];

/** One key per form fill. crypto.randomUUID needs https; getRandomValues works everywhere. */
export function newIdempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Chinese text for an error the page has no more specific words for. */
export function errorText(err) {
  if (!(err instanceof ApiError)) return '出错了，请稍后再试';
  if (err.status === 0) return '网络异常，请检查网络后重试';
  if (err.status === 429) return `请求过于频繁，请 ${err.details.retryAfterSeconds ?? 60} 秒后再试`;
  if (err.status === 403) return '没有权限进行此操作';
  if (err.status === 404) return '内容不存在或已被删除';
  if (err.status === 413) return '图片太大，请换一张';
  if (err.status >= 500) return '服务暂时不可用，请稍后再试';
  return '提交的内容有误，请检查后重试';
}
