import type { Party, Shipment } from '@hakobu/orders';

/** A shop as ご依頼主 for tests and examples. */
export const SAMPLE_SHIPPER: Party = {
  name: 'はこぶ商店',
  nameKana: 'ハコブショウテン',
  postalCode: '105-0011',
  prefecture: '東京都',
  address1: '港区芝公園4-2-8',
  address2: 'はこぶビル2F',
  phone: '03-1234-5678',
};

/**
 * A shipment with sensible defaults (テスト用伝票): one line of order `o1`, ambient, no slot, no COD, planned for
 * 2026-12-01 to 東京都千代田区丸の内.
 *
 * @example
 * ```ts
 * buildShipment({ id: 's2', temperature: 'frozen', timeSlot: 'am' });
 * ```
 */
export function buildShipment(overrides: Partial<Shipment> = {}): Shipment {
  const id = overrides.id ?? 's1';
  return {
    id,
    slipNumber: `${id}-1`,
    destination: {
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      postalCode: '100-0005',
      prefecture: '東京都',
      address1: '千代田区丸の内1-9-1',
      phone: '090-1234-5678',
    },
    lines: [{ orderId: 'o1', lineId: 'L1', quantity: 1 }],
    temperature: 'ambient',
    timeSlot: 'none',
    plannedShipDate: '2026-12-01',
    charges: [],
    codAmount: 0,
    trackingNumbers: [],
    giftMode: 'auto',
    state: 'open',
    ...overrides,
  };
}

/**
 * Completes 11 digits to a valid 12-digit tracking number (チェックデジット付与), for test fixtures.
 *
 * @example
 * ```ts
 * withCheckDigit('38971107401'); // '389711074012'
 * ```
 */
export function withCheckDigit(elevenDigits: string): string {
  return `${elevenDigits}${Number(elevenDigits) % 7}`;
}
