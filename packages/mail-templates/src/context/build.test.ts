import { generateOrders } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import { buildMailContext } from './build';
import { sampleOrder } from './sample';
import { MailContext } from './schema';

const now = new Date('2026-11-28T01:00:00Z');

describe('buildMailContext', () => {
  it('fills every field of the schema for generated orders', () => {
    for (const order of generateOrders({ count: 200, seed: 7 })) {
      const context = buildMailContext(order, { shop: { name: 'はこぶ堂' }, event: 'shipped', now });
      expect(MailContext.parse(context)).toEqual(context);
      expect(context.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(order.amounts.items);
    }
  });

  it('labels payment, channel, time slot and temperature in Japanese and resolves tracking URLs', () => {
    const context = buildMailContext(sampleOrder(), {
      shop: { name: 'はこぶ堂' },
      event: 'shipped',
      now,
      rank: { id: 'gold', label: 'ゴールド', count: 5, amount: 50_000 },
    });
    expect(context.payment.methodLabel).toBe('クレジットカード');
    expect(context.shop.channelLabel).toBe('楽天市場');
    expect(context.shipment?.timeSlotLabel).toBe('14時〜16時');
    expect(context.shipment?.temperatureLabel).toBe('常温');
    expect(context.shipment?.gift).toBe(true);
    expect(context.shipment?.tracking[0]?.url).toContain('490714955706');
    expect(context.customer).toEqual({
      rank: 'gold',
      rankLabel: 'ゴールド',
      purchaseCount: 5,
      purchaseAmount: 50_000,
    });
    expect(context.mail.today).toBe('2026-11-28');
    expect(context.orderer.company).toBeNull();
  });

  it('chooses the shipment the mail is about', () => {
    const order = sampleOrder();
    const second = { ...order.shipments[0]!, id: 's2', slipNumber: 'X-2', trackingNumbers: [] };
    const context = buildMailContext(
      { ...order, shipments: [order.shipments[0]!, second] },
      {
        shop: { name: 'はこぶ堂' },
        event: 'shipped',
        now,
        shipmentId: 's2',
      },
    );
    expect(context.shipment?.slipNumber).toBe('X-2');
    expect(context.shipments).toHaveLength(2);
  });
});
