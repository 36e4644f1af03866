import type { SetComponent } from '../model/product';
import type { StockLevel } from '../model/stock';

/**
 * Sellable stock per SKU (販売可能在庫): free stock (`onHand − reserved`) summed over locations, less the
 * safety stock (安全在庫) of those locations, never below zero. This is what channel policies start from;
 * safety stock is held back from the malls but not from orders already received.
 *
 * @example
 * ```ts
 * sellableStock([
 *   { sku: 'TEA-100', onHand: 10, reserved: 3, safetyStock: 2 },
 *   { sku: 'TEA-100', location: 'east', onHand: 4, reserved: 0, safetyStock: 0 },
 * ]).get('TEA-100'); // 9
 * ```
 */
export function sellableStock(levels: readonly StockLevel[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const level of levels) {
    totals.set(level.sku, (totals.get(level.sku) ?? 0) + level.onHand - level.reserved - level.safetyStock);
  }
  for (const [sku, total] of totals) if (total < 0) totals.set(sku, 0);
  return totals;
}

/**
 * The stock of a set (セット在庫数): the minimum over its components of `floor(free / quantity)`, 0 for a
 * component without stock.
 *
 * @example
 * ```ts
 * setQuantity([{ sku: 'CUP', quantity: 2 }, { sku: 'SAUCER', quantity: 2 }], new Map([['CUP', 7], ['SAUCER', 10]])); // 3
 * ```
 */
export function setQuantity(components: readonly SetComponent[], free: ReadonlyMap<string, number>): number {
  let quantity = Number.POSITIVE_INFINITY;
  for (const component of components) {
    quantity = Math.min(quantity, Math.floor((free.get(component.sku) ?? 0) / component.quantity));
  }
  return quantity === Number.POSITIVE_INFINITY ? 0 : quantity;
}
