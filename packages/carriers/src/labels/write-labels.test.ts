import { readCsv } from '@hakobu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLICKPOST_COLUMNS } from '../japanpost/clickpost';
import { YUPRI_COLUMNS } from '../japanpost/yupri';
import { EHIDEN3_COLUMNS } from '../sagawa/ehiden';
import { resolveService } from '../service/service';
import { buildShipment, SAMPLE_SHIPPER } from '../testing';
import { LABEL_SYSTEMS, type WriteLabelsOptions, writeLabels } from './write-labels';

describe('writeLabels', () => {
  it('writes every known system through one entry point', () => {
    const options: Record<(typeof LABEL_SYSTEMS)[number], WriteLabelsOptions> = {
      'yamato-b2': { system: 'yamato-b2', shipper: SAMPLE_SHIPPER, billingCustomerCode: '0312345678' },
      'sagawa-ehiden2': { system: 'sagawa-ehiden2', shipper: SAMPLE_SHIPPER },
      'sagawa-ehiden3': { system: 'sagawa-ehiden3', shipper: SAMPLE_SHIPPER },
      'japanpost-yupri': { system: 'japanpost-yupri', shipper: SAMPLE_SHIPPER },
      'japanpost-clickpost': { system: 'japanpost-clickpost' },
    };
    for (const system of LABEL_SYSTEMS) {
      const service = system === 'japanpost-clickpost' ? 'clickpost' : undefined;
      const batch = writeLabels([buildShipment(service === undefined ? {} : { service })], options[system]);
      expect(batch.system).toBe(system);
      expect(batch.counts, system).toEqual({ shipments: 1, written: 1, rejected: 0 });
    }
  });

  it('rejects every shipment of an unknown system instead of throwing', () => {
    const batch = writeLabels([buildShipment()], { system: 'fukuyama-e' } as unknown as WriteLabelsOptions);
    expect(batch.counts).toEqual({ shipments: 1, written: 0, rejected: 1 });
    expect(batch.issues.map((i) => i.code)).toEqual(['carrier.unknown_system']);
  });

  it('refuses a B2 file without a shipper or with a bad billing code, per shipment', () => {
    const batch = writeLabels([buildShipment({ id: 'a' }), buildShipment({ id: 'b' })], {
      system: 'yamato-b2',
      billingCustomerCode: '12-34',
    });
    const expected = [
      'carrier.b2.billing_code',
      'carrier.field_required',
      'carrier.not_digits',
      'carrier.shipper_missing',
    ];
    expect(
      batch.rejected.map((r) => [r.shipmentId, [...new Set(r.issues.map((i) => i.code))].sort()]),
    ).toEqual([
      ['a', expected],
      ['b', expected],
    ]);
  });
});

describe('resolveService', () => {
  it('reads aliases, blanks and unknown services', () => {
    expect(resolveService('ネコポス', 'standard')).toEqual({ kind: 'nekopos', freight: 'sender' });
    expect(resolveService(' ', 'clickpost')).toEqual({ kind: 'clickpost', freight: 'sender' });
    expect(resolveService('bike', 'standard')).toBeUndefined();
    expect(resolveService('bike', 'standard', { bike: { kind: 'standard', freight: 'sender' } })?.kind).toBe(
      'standard',
    );
  });
});

describe('byte limits, every system (property)', () => {
  const text = fc.string({
    unit: fc.constantFrom('あ', 'ｱ', 'a', '髙', '〜', '1', '-', ' ', '😀', '①', '"', ','),
    maxLength: 70,
  });
  const sjisBytes = (cell: string) =>
    [...cell].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 || (ch >= '｡' && ch <= 'ﾟ') ? 1 : 2), 0);

  it('never writes a field over its limit, and counts every shipment', () => {
    fc.assert(
      fc.property(text, text, text, (name, address, building) => {
        const shipment = buildShipment({
          destination: {
            ...buildShipment().destination,
            name: `山${name}`,
            address1: `千代田区${address}`,
            address2: building,
          },
        });
        const cases = [
          {
            batch: writeLabels([shipment], { system: 'sagawa-ehiden3', shipper: SAMPLE_SHIPPER }),
            columns: EHIDEN3_COLUMNS,
          },
          {
            batch: writeLabels([shipment], { system: 'japanpost-yupri', shipper: SAMPLE_SHIPPER }),
            columns: YUPRI_COLUMNS,
          },
          {
            batch: writeLabels([{ ...shipment, service: 'clickpost' }], { system: 'japanpost-clickpost' }),
            columns: CLICKPOST_COLUMNS,
          },
        ];
        for (const { batch, columns } of cases) {
          expect(batch.counts.shipments).toBe(batch.counts.written + batch.counts.rejected);
          for (const file of batch.files) {
            const rows = readCsv(file.bytes, {
              header: true,
              encoding: 'cp932',
              columns: [{ key: 'first', index: 0 }],
            });
            expect(rows.counts.rejected).toBe(0);
            for (const record of rows.records) {
              expect(record.raw).toHaveLength(columns.length);
              record.raw!.forEach((cell, i) => {
                const column = columns[i]!;
                const length = column.unit === 'bytes' ? sjisBytes(cell) : [...cell].length;
                expect(length, `${column.header}`).toBeLessThanOrEqual(column.max);
              });
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('address composition', () => {
  it('does not repeat a prefecture the customer already wrote in address1', () => {
    const shipment = buildShipment({
      destination: { ...buildShipment().destination, address1: '東京都千代田区丸の内1-9-1' },
    });
    const batch = writeLabels([shipment], { system: 'japanpost-yupri', shipper: SAMPLE_SHIPPER });
    expect(batch.files[0]!.text.split('\r\n')[1]!.split(',')[7]).toBe('東京都千代田区丸の内1-9-1');
  });
});
