// SMS through Tencent Cloud (tencentcloud-sdk-nodejs-sms, API 2021-01-11). SMS in China only
// carries pre-approved templates with positional parameters, so each text key maps to a template
// id and the variables that fill it; the endpoint is configurable so tests talk to a local fake.
import * as tencentcloud from 'tencentcloud-sdk-nodejs-sms';
import type { ChannelProvider, Delivery } from '../../notifications/types';
import { DeliveryError } from '../../notifications/types';

export interface SmsTemplate {
  templateId: string;
  /** Variables (as in message texts, e.g. `ticket.number`) filling the template's {1}, {2} … */
  params: string[];
}

export interface TencentSmsConfig {
  provider: 'tencent';
  secretId: string;
  secretKey: string;
  region?: string;
  /** Host (and port) of the API; `sms.tencentcloudapi.com` in production. */
  endpoint?: string;
  protocol?: 'https://' | 'http://';
  sdkAppId: string;
  signName: string;
  /** Used for every text key without its own entry in `templates`. */
  defaultTemplate: SmsTemplate;
  templates?: Record<string, SmsTemplate>;
  timeoutMs?: number;
}

/** Error codes that will not get better by retrying (phone number, template, signature, balance). */
const PERMANENT_PREFIXES = ['InvalidParameter', 'UnauthorizedOperation', 'UnsupportedOperation', 'AuthFailure', 'MissingParameter'];
const PERMANENT_CODES = new Set([
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.InsufficientBalanceInSmsPackage',
  'FailedOperation.ContainSensitiveWord',
  'FailedOperation.MarketingSendTimeConstraint',
]);

export function classifySmsCode(code: string): 'permanent' | 'rate_limited' | 'transient' {
  if (code.startsWith('LimitExceeded') || code === 'RequestLimitExceeded') return 'rate_limited';
  if (PERMANENT_CODES.has(code) || PERMANENT_PREFIXES.some((p) => code.startsWith(p))) return 'permanent';
  return 'transient';
}

export function createTencentSmsProvider(config: TencentSmsConfig): ChannelProvider {
  const client = new tencentcloud.sms.v20210111.Client({
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region ?? 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: config.endpoint ?? 'sms.tencentcloudapi.com',
        protocol: config.protocol ?? 'https://',
        reqTimeout: Math.ceil((config.timeoutMs ?? 5000) / 1000),
      },
    },
  });

  return {
    channel: 'sms',
    reaches: (r) => Boolean(r.mobile),
    async send({ key, recipient, message, textKey, vars }: Delivery) {
      const template = config.templates?.[textKey] || config.defaultTemplate;
      const params = template.params.map((name) => String(vars[name] ?? message.title).slice(0, 35));
      let answer: any;
      try {
        answer = await client.SendSms({
          PhoneNumberSet: [`+86${recipient.mobile}`],
          SmsSdkAppId: config.sdkAppId,
          SignName: config.signName,
          TemplateId: template.templateId,
          TemplateParamSet: params,
          // Echoed back by Tencent: ties a delivery report to the outbox row.
          SessionContext: key,
        });
      } catch (error: any) {
        const code = String(error?.code ?? '');
        if (code) throw new DeliveryError(classifySmsCode(code), `Tencent SMS: ${code} ${error.message ?? ''}`.trim(), code);
        throw new DeliveryError('transient', `Tencent SMS: ${error?.message ?? error}`);
      }
      const status = answer?.SendStatusSet?.[0];
      if (!status) throw new DeliveryError('transient', 'Tencent SMS: no send status in the answer');
      if (status.Code !== 'Ok') throw new DeliveryError(classifySmsCode(status.Code), `Tencent SMS: ${status.Code} ${status.Message ?? ''}`.trim(), status.Code);
      return { providerMessageId: status.SerialNo ?? null };
    },
  };
}
