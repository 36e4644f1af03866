import { z } from 'zod';

/** A master SKU code (商品コード / 品番): the shop's own identity of one stock item, independent of any mall. */
export const Sku = z.string().min(1);
/** @see {@link Sku} */
export type Sku = z.infer<typeof Sku>;

/** Temperature zone (温度帯): 常温 `ambient`, 冷蔵 `chilled`, 冷凍 `frozen`. */
export const TemperatureZone = z.enum(['ambient', 'chilled', 'frozen']);
/** @see {@link TemperatureZone} */
export type TemperatureZone = z.infer<typeof TemperatureZone>;

/** One component of a set product (セット商品の構成品): the component SKU and how many go into one set. */
export const SetComponent = z.object({
  sku: Sku,
  quantity: z.number().int().positive(),
});
/** @see {@link SetComponent} */
export type SetComponent = z.infer<typeof SetComponent>;

/**
 * One product of the product master (商品マスタ). A product with `components` is a set (セット商品): it has
 * no stock of its own; its stock is derived from its components, and allocating it reserves the components.
 */
export const Product = z.object({
  sku: Sku,
  name: z.string().min(1),
  temperatureZone: TemperatureZone,
  components: z.array(SetComponent).min(1).optional(),
});
/** @see {@link Product} */
export type Product = z.infer<typeof Product>;
