import { createIssue, type Issue } from '@hakobu/core';
import { fitLines, type LimitUnit } from '../layout/fit';
import { type LabelBatch, type LabelLayout, type PreparedRow, writeLayout } from '../layout/spec';
import type { ServiceKind } from '../service/service';
import type { LabelShipment } from '../shipment/label-shipment';
import { type BaseContext, baseContext, type CarrierId, type LabelRun } from './common';

/** The fields a writer adds to {@link BaseContext} for its layout. */
export type RowExtras<C extends BaseContext> = Omit<C, keyof BaseContext>;

/**
 * One label writer as data (送り状ライターの定義): the carrier it writes for, its layout, and how a row's context is
 * built from the carrier-neutral part. {@link writeRows} does the rest, the same for every writer.
 */
export interface RowWriter<C extends BaseContext> {
  readonly carrier: CarrierId;
  /** The service of a shipment without one. */
  readonly defaultService: ServiceKind;
  /** Whether a missing ご依頼主 rejects every row. */
  readonly needsShipper: boolean;
  readonly layout: LabelLayout<C>;
  /** Checks of the shipment that do not need its context, reported even when the context cannot be built. */
  readonly check?: (shipment: LabelShipment, index: number, issues: Issue[]) => void;
  /**
   * The layout's own fields of a row, with every issue met pushed onto `issues`; `undefined` leaves the row out
   * (a combination the system has no code for).
   */
  readonly extend: (base: BaseContext, index: number, issues: Issue[]) => RowExtras<C> | undefined;
}

/**
 * A row context: the base fields listed one by one, then the writer's own. A spread (`{ ...base, ...extras }`)
 * builds the same object many times slower, and a writer makes one per shipment.
 */
function contextOf<C extends BaseContext>(base: BaseContext, extras: RowExtras<C>): C {
  const context = {
    shipment: base.shipment,
    key: base.key,
    service: base.service,
    destination: base.destination,
    shipper: base.shipper,
    items: base.items,
    itemCodes: base.itemCodes,
    parcels: base.parcels,
    codAmount: base.codAmount,
    codTax: base.codTax,
    shipDate: base.shipDate,
  };
  return Object.assign(context, extras) as unknown as C;
}

/**
 * Writes shipments through one writer (送り状データの行出力): the carrier-neutral checks and context of each
 * shipment ({@link baseContext}), the writer's own checks and fields, then the layout's rendering, limits and
 * CP932 preparation ({@link writeLayout}); `jisX0208Only` defaults to `true`.
 */
export function writeRows<C extends BaseContext>(
  shipments: readonly LabelShipment[],
  run: LabelRun,
  writer: RowWriter<C>,
): LabelBatch {
  const expect = {
    carrier: writer.carrier,
    defaultService: writer.defaultService,
    needsShipper: writer.needsShipper,
  };
  const prepare = (shipment: LabelShipment, index: number): PreparedRow<C> => {
    const { subject, key, base, issues } = baseContext(run, shipment, index, expect);
    writer.check?.(shipment, index, issues);
    const extras = base === undefined ? undefined : writer.extend(base, index, issues);
    const context = base === undefined || extras === undefined ? undefined : contextOf<C>(base, extras);
    return { subject, key, context, issues };
  };
  return writeLayout(writer.layout, shipments, prepare, {
    jisX0208Only: run.options.jisX0208Only ?? true,
  });
}

/** File names `stem.csv`, or `stem-1.csv`, `stem-2.csv` … when the batch needs several files. */
export function numberedFiles(stem: string): (index: number, count: number) => string {
  return (index, count) => (count === 1 ? `${stem}.csv` : `${stem}-${index + 1}.csv`);
}

/** Where an address goes on a label, for {@link fitAddress}'s issue. */
export interface AddressRoom {
  readonly shipment: LabelShipment;
  readonly index: number;
  /** Whose address, as staff read it: `お届け先`, `収納代行請求先` … */
  readonly who: string;
  /** The columns it must fit, as staff read them: `3行（各16文字）` … */
  readonly room: string;
  /** The shipment field the issue points at. */
  readonly field: 'destination' | 'paymentAgency';
}

/**
 * Fits an address over a layout's address lines ({@link fitLines}): what still does not fit is the error
 * `carrier.address_overflow`, since a cut address sends the parcel to the wrong door.
 */
export function fitAddress(
  texts: readonly string[],
  limits: readonly number[],
  unit: LimitUnit,
  where: AddressRoom,
  issues: Issue[],
): string[] {
  const fitted = fitLines(texts, limits, unit);
  if (fitted.overflow !== '') {
    const s = where.shipment;
    issues.push(
      createIssue(
        'carrier.address_overflow',
        `伝票${s.slipNumber}の${where.who}住所が${where.room}に入りきりません（「${fitted.overflow}」が残ります）`,
        {
          path: ['shipments', where.index, where.field],
          data: { shipmentId: s.id, overflow: fitted.overflow },
        },
      ),
    );
  }
  return fitted.lines;
}
