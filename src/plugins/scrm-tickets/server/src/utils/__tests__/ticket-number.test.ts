import { businessDay, formatTicketNumber } from '../ticket-number';

describe('ticket numbers', () => {
  it('takes the business day in Asia/Shanghai, not UTC', () => {
    expect(businessDay(new Date('2026-11-23T15:59:59Z'))).toBe('20261123');
    expect(businessDay(new Date('2026-11-23T16:00:00Z'))).toBe('20261124');
  });

  it('pads the counter to six digits', () => {
    expect(formatTicketNumber('GD', '20261124', 42)).toBe('GD20261124-000042');
    expect(formatTicketNumber('GD', '20261124', 1234567)).toBe('GD20261124-1234567');
  });
});
