import { fixedClock } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { defaultRemoteIslands } from '../islands/islands';
import { buildShipment } from '../testing';
import { approximateLeadTimes, checkDelivery } from './lead-time';

describe('approximateLeadTimes', () => {
  it('gives next day nearby and more for distant regions', () => {
    expect(approximateLeadTimes.days('東京都', '大阪府')).toBe(1);
    expect(approximateLeadTimes.days('東京都', '福岡県')).toBe(2);
    expect(approximateLeadTimes.days('東京都', '沖縄県')).toBe(3);
    expect(approximateLeadTimes.days('東京都', 'ムー大陸')).toBeUndefined();
  });

  it('is symmetric for every pair of prefectures', () => {
    const names = [
      '北海道',
      '青森県',
      '東京都',
      '新潟県',
      '石川県',
      '愛知県',
      '大阪府',
      '広島県',
      '高知県',
      '鹿児島県',
      '沖縄県',
    ];
    for (const a of names)
      for (const b of names) expect(approximateLeadTimes.days(a, b)).toBe(approximateLeadTimes.days(b, a));
  });
});

describe('checkDelivery', () => {
  it('alerts a remote island, the lead time, and a requested date too early', () => {
    const shipment = buildShipment({
      requestedDate: '2026-12-02',
      destination: { ...buildShipment().destination, postalCode: '100-1511', address1: '八丈島八丈町三根1' },
    });
    const check = checkDelivery(shipment, { from: '東京都', islands: defaultRemoteIslands() });
    expect(check.days).toBe(2);
    expect(check.earliestDate).toBe('2026-12-03');
    expect(check.issues.map((i) => i.code)).toEqual([
      'carrier.remote_island',
      'carrier.lead_time.long',
      'carrier.lead_time.too_early',
    ]);
  });

  it('is quiet for a next-day destination with a reachable date', () => {
    const check = checkDelivery(buildShipment({ requestedDate: '2026-12-02' }), { from: '東京都' });
    expect(check.issues).toEqual([]);
  });
});

describe('checkDelivery with the business calendar', () => {
  it('takes the next ship date after the cut-off and a weekend, then the lead time', () => {
    const shipment = buildShipment({
      plannedShipDate: undefined,
      requestedDate: '2026-11-30',
      destination: {
        ...buildShipment().destination,
        prefecture: '大阪府',
        postalCode: '530-0001',
        address1: '大阪市北区梅田1',
      },
    });
    const check = checkDelivery(shipment, {
      from: '東京都',
      shipping: {
        calendar: { name: '本店出荷' },
        clock: fixedClock('2026-11-27T06:00:00Z'), // 金曜 15:00, after the 14:00 cut-off
        options: { cutoff: '14:00' },
      },
    });
    expect(check.earliestDate).toBe('2026-12-01'); // ships Monday 11-30, arrives Tuesday
    expect(check.issues.map((i) => i.code)).toEqual(['carrier.lead_time.too_early']);
  });
});
