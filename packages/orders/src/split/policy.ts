import { z } from 'zod';
import { ChargeKind } from '../model/order';
import { TemperatureZone } from '../model/primitives';

/**
 * Where a fee or discount goes when a slip is split (費用の配分方法):
 * - `keepOnOriginal`: stays on the original slip (NextEngine's behaviour);
 * - `temperaturePriority`: goes to the slip whose temperature comes first in the priority list (アシスト店長's
 *   選択なし > 普通 > 冷蔵 > 冷凍);
 * - `apportionByItems`: apportioned by each slip's goods amount, exact to the yen (按分).
 */
export const ChargePlacement = z.enum(['keepOnOriginal', 'temperaturePriority', 'apportionByItems']);
/** @see {@link ChargePlacement} */
export type ChargePlacement = z.infer<typeof ChargePlacement>;

/**
 * The caller's explicit policy for fees (送料, 代引手数料, ラッピング, その他) and discounts (クーポン,
 * ポイント) when shipments are split or a destination is added (伝票分割ポリシー). The COD amount (代引金額)
 * is always recalculated per slip from what it carries.
 */
export const SplitPolicy = z.object({
  fees: ChargePlacement,
  discounts: ChargePlacement,
  /** Per-kind overrides, e.g. `{ pointsUsed: 'apportionByItems' }`. */
  byKind: z.partialRecord(ChargeKind, ChargePlacement).optional(),
  /** Temperature priority for `temperaturePriority`, first wins. Default 常温, 冷蔵, 冷凍. */
  temperaturePriority: z.array(TemperatureZone).optional(),
});
/** @see {@link SplitPolicy} */
export type SplitPolicy = z.infer<typeof SplitPolicy>;

/** Everything stays on the original slip: the usual mall-system default. */
export const keepOnOriginalPolicy: SplitPolicy = { fees: 'keepOnOriginal', discounts: 'keepOnOriginal' };
