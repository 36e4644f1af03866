/** The sort key of a stock level: SKU, then location (the default location, stored as `''`, first). */
export function levelKey(sku: string, location: string): string {
  return `${sku}\u0000${location}`;
}

/** The sort key of a reservation: order line, SKU, location. */
export function reservationKey(orderLineId: string, sku: string, location: string): string {
  return `${orderLineId}\u0000${sku}\u0000${location}`;
}
