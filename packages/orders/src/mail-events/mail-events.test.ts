import { describe, expect, it } from 'vitest';
import { isStandardMailEvent, STANDARD_MAIL_EVENTS } from './mail-events';

describe('STANDARD_MAIL_EVENTS', () => {
  it('names every standard mail with its Japanese label', () => {
    expect(STANDARD_MAIL_EVENTS).toEqual({
      orderConfirmation: '注文確認',
      paymentConfirmed: '入金確認',
      paymentReminder: '入金催促',
      shipped: '発送完了',
      followUp: 'フォロー',
    });
  });

  it('tells standard keys from others, inherited names included', () => {
    expect(isStandardMailEvent('shipped')).toBe(true);
    expect(isStandardMailEvent('shipping-notice')).toBe(false);
    expect(isStandardMailEvent('toString')).toBe(false);
  });
});
