import { generateOrders } from '@hakobu/orders/testing';
import { describe, expect, it } from 'vitest';
import { defaultRemoteIslands } from '../islands/islands';
import { loadJapanPostDirectory } from '../postal/directory';
import { buildShipment } from '../testing';
import { checkShipments } from './check-shipments';

describe('checkShipments', () => {
  it('gives each shipment its own alerts and goes on after a bad one', async () => {
    const directory = await loadJapanPostDirectory();
    const shipments = [
      buildShipment({
        id: 'bad',
        destination: { ...buildShipment().destination, postalCode: '999-9999', phone: '090-1234-567' },
      }),
      buildShipment({
        id: 'island',
        destination: {
          ...buildShipment().destination,
          postalCode: '907-1801',
          prefecture: '沖縄県',
          address1: '八重山郡与那国町与那国1',
        },
      }),
      buildShipment({ id: 'ok' }),
    ];
    const alerts = checkShipments(shipments, { directory, from: '東京都', islands: defaultRemoteIslands() });
    expect(alerts.map((a) => [a.shipmentId, a.issues.map((i) => i.code)])).toEqual([
      ['bad', ['carrier.postal.unknown_code', 'contacts.phone_digit_count']],
      ['island', ['carrier.remote_island', 'carrier.lead_time.long']],
      ['ok', []],
    ]);
    expect(alerts[0]!.issues[0]!.path).toEqual(['shipments', 0, 'destination', 'postalCode']);
  });

  it('finds no postal problem in generated orders, whose addresses are real', async () => {
    const directory = await loadJapanPostDirectory();
    const shipments = generateOrders({ count: 200 }).flatMap((o) => o.shipments);
    const alerts = checkShipments(shipments, { directory, from: '東京都' });
    expect(alerts.flatMap((a) => a.issues).filter((i) => i.code.startsWith('carrier.postal'))).toEqual([]);
  });
});
