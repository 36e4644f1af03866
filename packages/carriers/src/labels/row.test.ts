import { createIssue, type Issue } from '@hakobu/core';
import { describe, expect, it } from 'vitest';
import { column } from '../layout/columns';
import { buildShipment, SAMPLE_SHIPPER } from '../testing';
import { type BaseContext, startRun } from './common';
import { fitAddress, numberedFiles, type RowWriter, writeRows } from './row';

interface TinyContext extends BaseContext {
  readonly line: string;
}

const COLUMNS = [
  column<TinyContext>(1, '管理番号', 20, 'ascii', { value: (x) => x.key }),
  column<TinyContext>(2, 'お届け先名', 8, 'text', { value: (x) => x.destination.name }),
  column<TinyContext>(3, '住所', 10, 'text', { value: (x) => x.line }),
];

function tinyWriter(overrides: Partial<RowWriter<TinyContext>> = {}): RowWriter<TinyContext> {
  return {
    carrier: 'yamato',
    defaultService: 'standard',
    needsShipper: false,
    layout: {
      system: 'tiny',
      columns: COLUMNS,
      header: false,
      quoting: 'minimal',
      fileName: numberedFiles('tiny'),
    },
    extend: (base) => ({ line: base.destination.building === '' ? '-' : base.destination.building }),
    ...overrides,
  };
}

describe('writeRows', () => {
  it('renders the base fields and the writer’s own through the layout, with truncation reported', () => {
    const shipment = buildShipment({
      id: 'a',
      destination: { ...buildShipment().destination, name: '山田 太郎様', address2: 'Bldg 5F' },
    });
    const batch = writeRows([shipment], startRun({}), tinyWriter());
    expect(batch.files.map((file) => [file.name, file.text])).toEqual([
      ['tiny.csv', 'a,山田 太,Bldg 5F\r\n'],
    ]);
    expect(batch.issues.map((issue) => issue.code)).toEqual(['carrier.field_truncated']);
  });

  it('runs the check even when the base cannot be built, and leaves out a row the writer refuses', () => {
    const check = (shipment: { id: string }, index: number, issues: Issue[]) => {
      issues.push(createIssue('tiny.checked', `${shipment.id}`, { severity: 'info', path: [index] }));
    };
    const batch = writeRows(
      [buildShipment({ id: 'a', service: 'bike' }), buildShipment({ id: 'b' }), buildShipment({ id: 'c' })],
      startRun({}),
      tinyWriter({
        check,
        extend: (base, _index, issues) => {
          if (base.shipment.id !== 'b') return { line: '' };
          issues.push(createIssue('tiny.refused', 'b'));
          return undefined;
        },
      }),
    );
    expect(batch.rejected.map((row) => [row.shipmentId, row.issues.map((issue) => issue.code)])).toEqual([
      ['a', ['carrier.unknown_service', 'tiny.checked']],
      ['b', ['tiny.checked', 'tiny.refused']],
    ]);
    expect(batch.counts).toEqual({ shipments: 3, written: 1, rejected: 2 });
  });

  it('refuses 機種依存文字 by default and keeps them when jisX0208Only is false', () => {
    const shipment = buildShipment({ destination: { ...buildShipment().destination, name: '①山田' } });
    const strict = writeRows([shipment], startRun({}), tinyWriter());
    const loose = writeRows(
      [shipment],
      startRun({ jisX0208Only: false, shipper: SAMPLE_SHIPPER }),
      tinyWriter(),
    );
    expect(strict.files[0]?.text).not.toContain('①');
    expect(loose.files[0]?.text).toContain('①');
  });

  it('names files stem.csv, or numbers them when there are several', () => {
    const name = numberedFiles('b2-labels');
    expect([name(0, 1), name(0, 2), name(1, 2)]).toEqual([
      'b2-labels.csv',
      'b2-labels-1.csv',
      'b2-labels-2.csv',
    ]);
  });
});

describe('fitAddress', () => {
  it('gives the lines, and an address_overflow error with what is left when they are too few', () => {
    const shipment = buildShipment({ id: 's9' });
    const where = {
      shipment,
      index: 3,
      who: 'お届け先',
      room: '2行（各4文字）',
      field: 'destination',
    } as const;
    const issues: Issue[] = [];
    expect(fitAddress(['東京都千代田区', '丸の内'], [4, 4], 'fullwidth', where, issues)).toEqual([
      '東京都千',
      '代田区',
    ]);
    expect(
      issues.map((issue) => [issue.code, issue.severity, issue.message, issue.path, issue.data]),
    ).toEqual([
      [
        'carrier.address_overflow',
        'error',
        '伝票s9-1のお届け先住所が2行（各4文字）に入りきりません（「丸の内」が残ります）',
        ['shipments', 3, 'destination'],
        { shipmentId: 's9', overflow: '丸の内' },
      ],
    ]);
  });
});
