import { createLogger, format, transports } from 'winston';
import { Writable } from 'node:stream';
import { jsonLines, redact, redactSecrets, withRequestId } from '../log-format';

/** A logger writing JSON lines into an array, shaped as the plugin shapes Strapi's. */
function capture(current: () => any = () => undefined) {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = createLogger({ format: format.combine(withRequestId(current), redactSecrets(), jsonLines()), transports: [new transports.Stream({ stream })] });
  return { logger, lines };
}

describe('log lines', () => {
  it('mask secrets wherever they appear: query strings, JSON, bearer tokens, fields', () => {
    expect(redact('GET https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=S3cr3tValue&x=1')).toBe(
      'GET https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=[redacted]&x=1',
    );
    expect(redact('send?access_token=ACCESS123 failed')).toBe('send?access_token=[redacted] failed');
    expect(redact('{"password":"hunter22","name":"王"}')).toBe('{"password":"[redacted]","name":"王"}');
    expect(redact('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y')).toBe('Authorization: Bearer [redacted]');
    const { logger, lines } = capture();
    logger.info('WeCom token refresh with corpsecret=abcdef', { config: { corpSecret: 'abcdef', corpId: 'ww1' }, token: 'tkn-123456', mobile: '13800138000' });
    expect(lines[0]).toMatchObject({ message: 'WeCom token refresh with corpsecret=[redacted]', config: { corpSecret: '[redacted]', corpId: 'ww1' }, token: '[redacted]' });
    expect(JSON.stringify(lines[0])).not.toContain('abcdef');
  });

  it('carry the id of the request they were written in, a timestamp and the level', () => {
    let ctx: any;
    const { logger, lines } = capture(() => ctx);
    logger.info('outside any request');
    ctx = { state: { requestId: 'req-0123456789' } };
    logger.warn('inside one');
    expect(lines[0].requestId).toBeUndefined();
    expect(lines[1]).toMatchObject({ level: 'warn', message: 'inside one', requestId: 'req-0123456789' });
    expect(Number.isNaN(Date.parse(lines[1].timestamp))).toBe(false);
  });
});
