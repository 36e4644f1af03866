/** Compares strings by UTF-16 code units: the one key order of `@hakobu/inventory`, kept here for SQL rows. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sort key of a stock level: SKU, then location (the default location, stored as `''`, first). */
export function levelKey(sku: string, location: string): string {
  return `${sku}\u0000${location}`;
}

/** The sort key of a reservation: order line, SKU, location. */
export function reservationKey(orderLineId: string, sku: string, location: string): string {
  return `${orderLineId}\u0000${sku}\u0000${location}`;
}

/** A JSON text with object keys sorted, so equal operations give an equal idempotency fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => byCodeUnit(a, b));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
