import { strapi } from '../helpers/strapi';
import { ALL_TYPES_FIELDS, TEMPLATE_UID, apiToken, bearer, createTemplate, http, unique } from '../helpers/fixtures';

describe('ticket templates', () => {
  it('rejects invalid field definitions with the path of each problem and saves nothing', async () => {
    const key = unique('bad').toLowerCase();
    const attempt = strapi()
      .documents(TEMPLATE_UID as any)
      .create({
        data: {
          key,
          name: '坏模板',
          fieldDefinitions: [
            { key: 'a', label: { 'zh-Hans': '甲' }, type: 'text' },
            { key: 'a', label: { 'zh-Hans': '乙' }, type: 'text' },
            { key: 'pick', label: { 'zh-Hans': '选择' }, type: 'select' },
            { key: 'code', label: { 'zh-Hans': '编码' }, type: 'text', pattern: '([a-z' },
          ],
        } as any,
      });
    const error: any = await attempt.catch((e) => e);
    expect(error.name).toBe('ValidationError');
    const paths = error.details.errors.map((e: any) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['fieldDefinitions.1.key', 'fieldDefinitions.2.options', 'fieldDefinitions.3.pattern'])
    );
    const saved = await strapi().documents(TEMPLATE_UID as any).findMany({ filters: { key } } as any);
    expect(saved).toHaveLength(0);
  });

  it('rejects an update that breaks the field definitions and keeps the old ones', async () => {
    const template = await createTemplate();
    const error: any = await strapi()
      .documents(TEMPLATE_UID as any)
      .update({ documentId: template.documentId, data: { fieldDefinitions: { not: 'an array' } } as any })
      .catch((e) => e);
    expect(error.name).toBe('ValidationError');
    const reloaded: any = await strapi().documents(TEMPLATE_UID as any).findOne({ documentId: template.documentId });
    expect(reloaded.fieldDefinitions).toHaveLength(ALL_TYPES_FIELDS.length);
  });

  it('lists templates over REST for an integration', async () => {
    const template = await createTemplate();
    const res = await http()
      .get('/api/scrm-tickets/ticket-templates')
      .query({ filters: { key: template.key } })
      .set(bearer(await apiToken()));
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0].fieldDefinitions[0].key).toBe('summary');
  });
});
