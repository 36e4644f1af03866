/** The sort and map key of a stock level: SKU, then location (absent sorts first). */
export function levelKey(sku: string, location: string | undefined): string {
  return `${sku}\u0000${location ?? ''}`;
}

/** The sort and map key of a reservation: order line, SKU, location. */
export function reservationKey(orderLineId: string, sku: string, location: string | undefined): string {
  return `${orderLineId}\u0000${sku}\u0000${location ?? ''}`;
}

/** ` (倉庫「X」)` for a location, empty for the default one. */
export function atLocation(location: string | undefined): string {
  return location === undefined ? '' : `（倉庫「${location}」）`;
}
