import { adminToken, bearer, http, unique } from '../helpers/fixtures';
import { strapi } from '../helpers/strapi';

const TIER_UID = 'plugin::scrm-tickets.settlement-tier';
const cm = `/content-manager/collection-types/${TIER_UID}`;
const WORKED_MODEL = {
  baseFees: { default: 8000 },
  commission: { basis: 'ticket_amount', mode: 'progressive', brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: null, rate: '0.08' }] },
  rush: { priorities: ['urgent'], rate: '0.10' },
  satisfaction: { '5': '1.05' },
  split: [{ party: 'platform', rate: '0.10' }, { party: 'store', rate: '0.20' }, { party: 'engineer', rate: '0.70' }],
};

describe('settlement tiers', () => {
  let jwt: string;
  beforeAll(async () => {
    jwt = await adminToken();
  });
  const count = () => strapi().db.query(TIER_UID as any).count({});

  it('saves a valid tier from the Content Manager', async () => {
    const res = await http().post(cm).set(bearer(jwt)).send({ key: unique('tier').toLowerCase(), name: '标准档', model: WORKED_MODEL });
    expect(res.status).toBe(201);
    expect(res.body.data.model.split).toHaveLength(3);
  });

  it('refuses overlapping brackets, split rates over 100 % and negative amounts with paths, saving nothing', async () => {
    const before = await count();
    const res = await http()
      .post(cm)
      .set(bearer(jwt))
      .send({
        key: unique('tier').toLowerCase(),
        name: '坏档',
        currency: 'JPY',
        model: {
          ...WORKED_MODEL,
          baseFees: { default: -100 },
          commission: { ...WORKED_MODEL.commission, brackets: [{ upToFen: 100000, rate: '0.05' }, { upToFen: 90000, rate: '0.06' }, { upToFen: null, rate: '0.08' }] },
          split: [{ party: 'platform', rate: '0.5' }, { party: 'store', rate: '0.6' }, { party: 'engineer' }],
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual([
      'model.baseFees.default',
      'model.commission.brackets.1.upToFen',
      'model.split',
      'currency',
    ]);
    expect(await count()).toBe(before);
  });

  it('checks an update of the model too', async () => {
    const tier: any = await strapi().documents(TIER_UID as any).create({ data: { key: unique('tier').toLowerCase(), name: '改档', model: WORKED_MODEL } as any });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ party: `p${i}`, rate: '0.01' }));
    await expect(
      strapi().documents(TIER_UID as any).update({ documentId: tier.documentId, data: { model: { ...WORKED_MODEL, split: eleven } } } as any)
    ).rejects.toMatchObject({ details: { errors: [{ path: ['model', 'split'] }] } });
    const stored: any = await strapi().documents(TIER_UID as any).findOne({ documentId: tier.documentId } as any);
    expect(stored.model.split).toHaveLength(3);
  });
});
