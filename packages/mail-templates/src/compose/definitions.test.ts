import { STANDARD_MAIL_EVENTS as ORDERS_MAIL_EVENTS } from '@hakobu/orders';
import { describe, expect, it } from 'vitest';
import { STANDARD_MAIL_EVENTS } from '../index';

describe('STANDARD_MAIL_EVENTS', () => {
  it('is the one list of @hakobu/orders, not a copy', () => {
    expect(STANDARD_MAIL_EVENTS).toBe(ORDERS_MAIL_EVENTS);
    expect(STANDARD_MAIL_EVENTS.followUp).toBe('フォロー');
  });
});
