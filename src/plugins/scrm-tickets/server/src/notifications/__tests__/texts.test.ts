import { checkText, DEFAULT_TEXTS, LOCALES, renderText, scopeOf } from '../texts';

describe('message texts', () => {
  it('accepts every built-in text in both languages', () => {
    for (const [key, byLocale] of Object.entries(DEFAULT_TEXTS)) {
      for (const locale of LOCALES) {
        expect({ key, locale, problems: [...checkText(byLocale[locale].title), ...checkText(byLocale[locale].body)] }).toEqual({ key, locale, problems: [] });
      }
    }
  });

  it('rejects unknown variables, including ones inside tags that would not render', () => {
    expect(checkText('{{ ticket.numbr }}')[0]).toMatch(/unknown variable \{\{ ticket\.numbr \}\}/);
    expect(checkText('{% if customer.vip %}VIP{% endif %}')[0]).toMatch(/customer\.vip/);
    expect(checkText('{{ ticket }}')[0]).toMatch(/unknown variable \{\{ ticket \}\}/);
  });

  it('rejects unknown filters and broken syntax', () => {
    expect(checkText('{{ ticket.number | shout }}')[0]).toMatch(/not a valid template: undefined filter: shout/);
    expect(checkText('{% if %}x{% endif %}')[0]).toMatch(/not a valid template/);
    expect(checkText('{{ ticket.number ')[0]).toMatch(/not a valid template/);
  });

  it('allows filters and locals over known variables', () => {
    expect(checkText('{% assign n = ticket.number | upcase %}{{ n }} {{ customer.name | default: "客户" }}')).toEqual([]);
  });

  it('renders with every variable present, missing ones empty', () => {
    const scope = scopeOf({ 'ticket.number': 'GD-1', 'customer.name': '张三' });
    expect(renderText({ title: '{{ ticket.number }}', body: '{{ customer.name }}您好{{ comment.body }}' }, scope)).toEqual({ title: 'GD-1', body: '张三您好' });
  });

  it('does not execute what a customer typed: a comment body is data, not a template', () => {
    const scope = scopeOf({ 'comment.body': '{{ ticket.number }}<script>' });
    expect(renderText({ title: 't', body: '{{ comment.body }}' }, scope).body).toBe('{{ ticket.number }}<script>');
  });
});
