import { describe, expect, it } from 'vitest';
import { carrierFromCode, rakutenCarrierCodes } from './carrier';
import { defaultPaymentStatus, mapPaymentMethod, rakutenPaymentCodes, yahooPayMethods } from './payment';
import { createSkuMapper } from './sku';
import { readTimeSlot } from './time-slot';

describe('time slots', () => {
  it.each([
    ['', 'none', true],
    ['0', 'none', true],
    ['指定なし', 'none', true],
    ['1', 'am', true],
    ['午前中', 'am', true],
    ['0812', 'am', true],
    ['8時～12時', 'am', true],
    ['1214', '12-14', true],
    ['1416', '14-16', true],
    ['１６時～１８時', '16-18', true],
    ['18:00-20:00', '18-20', true],
    ['19〜21時', '19-21', true],
    ['2', 'none', false],
    ['午後', 'none', false],
    ['20時～21時', 'none', false],
  ] as const)('%s → %s', (text, slot, recognized) => {
    expect(readTimeSlot(text)).toEqual({ slot, recognized });
  });

  it('takes the shop own wording first', () => {
    expect(readTimeSlot('夕方', { 夕方: '16-18' })).toEqual({ slot: '16-18', recognized: true });
  });
});

describe('payment methods', () => {
  it('maps mall codes, wording and overrides', () => {
    expect(mapPaymentMethod('2', rakutenPaymentCodes)).toBe('cod');
    expect(mapPaymentMethod('21', rakutenPaymentCodes)).toBe('deferred');
    expect(mapPaymentMethod('payment_a17', yahooPayMethods)).toBe('payPay');
    expect(mapPaymentMethod('楽天ペイ（オンライン決済）', {})).toBe('rakutenPay');
    expect(mapPaymentMethod('ｸﾚｼﾞｯﾄｶｰﾄﾞ', {})).toBe('creditCard');
    expect(mapPaymentMethod('店頭払い', {})).toBeUndefined();
    expect(mapPaymentMethod('店頭払い', {}, { 店頭払い: 'other' })).toBe('other');
    expect(defaultPaymentStatus('cod')).toBe('notRequired');
    expect(defaultPaymentStatus('bankTransfer')).toBe('unpaid');
    expect(defaultPaymentStatus('creditCard')).toBe('authorized');
  });

  it('finds carriers by code', () => {
    expect(carrierFromCode('1003', rakutenCarrierCodes)).toBe('japanpost');
    expect(carrierFromCode('1999', rakutenCarrierCodes)).toBeUndefined();
  });
});

describe('SKU mapping (楽天: merchantDefinedSkuId, then variantId, then itemNumber)', () => {
  const mapSku = createSkuMapper({
    listings: [
      {
        id: 'a',
        channel: 'rakuten',
        shopId: 's',
        itemCode: 'tea',
        skuCode: 'v-1',
        sku: 'TEA-1',
        multiplier: 1,
      },
      {
        id: 'b',
        channel: 'rakuten',
        shopId: 's',
        itemCode: 'tea',
        skuCode: 'TEA-2-M',
        sku: 'TEA-2',
        multiplier: 3,
      },
      { id: 'c', channel: 'rakuten', shopId: 's', itemCode: 'mug', sku: 'MUG', multiplier: 1 },
    ],
    products: [
      { sku: 'TEA-1', name: '煎茶', temperatureZone: 'ambient' },
      { sku: 'ICE', name: 'アイス', temperatureZone: 'frozen' },
    ],
  });

  it('tries each candidate in order, then the item code, then master SKUs', () => {
    expect(mapSku('rakuten', 's', 'tea', ['TEA-2-M', 'v-1'])).toEqual({
      masterSku: 'TEA-2',
      temperature: undefined,
      multiplier: 3,
    });
    expect(mapSku('rakuten', 's', 'tea', ['unknown', 'v-1'])).toEqual({
      masterSku: 'TEA-1',
      temperature: 'ambient',
      multiplier: 1,
    });
    expect(mapSku('rakuten', 's', 'mug', ['x'])).toEqual({
      masterSku: 'MUG',
      temperature: undefined,
      multiplier: 1,
    });
    expect(mapSku('rakuten', 's', 'other', ['ICE'])).toEqual({
      masterSku: 'ICE',
      temperature: 'frozen',
      multiplier: 1,
    });
    expect(mapSku('yahoo', 's', 'tea', ['v-1'])).toBeUndefined();
  });
});
