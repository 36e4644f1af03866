import { Yen } from '@hakobu/core';
import { Party, Shipment } from '@hakobu/orders';
import { z } from 'zod';

/**
 * A handling mark (荷扱い) asked for on a parcel: `fragile` ワレモノ注意 (佐川 取扱注意), `valuables` 貴重品,
 * `thisSideUp` 天地無用, `perishable` ナマモノ, `doNotStack` 下積厳禁. B2クラウド prints them as 荷扱い text;
 * e飛伝 writes the 指定シール it has (取扱注意, 貴重品, 天地無用); a label system without the mark warns.
 */
export const HandlingMark = z.enum(['fragile', 'valuables', 'thisSideUp', 'perishable', 'doNotStack']);
/** @see {@link HandlingMark} */
export type HandlingMark = z.infer<typeof HandlingMark>;

/**
 * クロネコ収納代行 on a B2クラウド label: the amount the consignee pays with the slip Yamato hands over (税込, at
 * most 300,000 円), its tax (default: the tax inside the amount, apportioned over the shipment's lines by rate),
 * who is billed (請求先, default the destination), the agency management number (収納代行管理番号, 20 ASCII),
 * the item name on the slip (収納代行品名, default the first 品名) and a note (収納代行備考). Needs a 収納代行
 * contract; other label systems refuse it.
 */
export const PaymentAgency = z.object({
  /** 収納代行請求金額（税込） */
  amount: Yen.positive(),
  /** 収納代行内消費税額等 */
  tax: Yen.nonnegative().optional(),
  /** 収納代行請求先 */
  billTo: Party.optional(),
  /** 収納代行管理番号 */
  reference: z.string().optional(),
  /** 収納代行品名 */
  itemName: z.string().optional(),
  /** 収納代行備考 */
  note: z.string().optional(),
});
/** @see {@link PaymentAgency} */
export type PaymentAgency = z.infer<typeof PaymentAgency>;

/**
 * A shipment as the label writers read it (送り状の入力): an `@hakobu/orders` `Shipment` with what only
 * the label needs — `parcels` (個数, default 1: B2クラウド writes 2 or more as 発払い（複数口）, e飛伝 as 出荷個数),
 * `handling` (荷扱い), `holdAtBranch` (営業所止置き／営業所受取: the carrier's branch code) and `paymentAgency`
 * (クロネコ収納代行). Every plain `Shipment` is a `LabelShipment`.
 *
 * @example
 * ```ts
 * const shipment: LabelShipment = { ...order.shipments[0], parcels: 3, handling: ['fragile'] };
 * writeB2Labels([shipment], options); // 送り状種類 6, 発行枚数 3, 複数口くくりキー = the shipment id
 * ```
 */
export const LabelShipment = Shipment.extend({
  /** 個数 (口数): parcels under this one slip. */
  parcels: z.int().positive().optional(),
  /** 荷扱い */
  handling: z.array(HandlingMark).readonly().optional(),
  /** 営業所止置き (ヤマト) / 営業所受取 (佐川): the branch code (営業所コード). */
  holdAtBranch: z.string().min(1).optional(),
  /** クロネコ収納代行 */
  paymentAgency: PaymentAgency.optional(),
});
/** @see {@link LabelShipment} */
export type LabelShipment = z.infer<typeof LabelShipment>;
