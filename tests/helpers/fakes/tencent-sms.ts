import { startJsonServer } from './http-fake';

/** A fake Tencent Cloud SMS endpoint (API 2021-01-11 SendSms), counting the texts it accepted. */
export async function startSmsFake() {
  const sent: any[] = [];
  const server = await startJsonServer((_path, body, req) => {
    if (req.headers['x-tc-action'] !== 'SendSms' || !String(req.headers.authorization ?? '').startsWith('TC3-HMAC-SHA256')) {
      return { body: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad request' }, RequestId: 'r' } } };
    }
    sent.push(body);
    return {
      body: {
        Response: {
          SendStatusSet: body.PhoneNumberSet.map((phone: string, i: number) => ({
            SerialNo: `serial-${sent.length}-${i}`, PhoneNumber: phone, Fee: 1, SessionContext: body.SessionContext, Code: 'Ok', Message: 'send success', IsoCode: 'CN',
          })),
          RequestId: `req-${sent.length}`,
        },
      },
    };
  });
  return {
    ...server,
    sent,
    /** The next send answers with this status code for the number (e.g. a bad number). */
    failNext(code: string) {
      server.script('/', { body: { Response: { SendStatusSet: [{ Code: code, Message: code, SerialNo: '', PhoneNumber: '', Fee: 0, SessionContext: '', IsoCode: 'CN' }], RequestId: 'x' } } });
    },
  };
}
