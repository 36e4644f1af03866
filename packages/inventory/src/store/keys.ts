/** The sort and map key of a stock level: SKU, then location (absent sorts first). */
export function levelKey(sku: string, location: string | undefined): string {
  return `${sku}\u0000${location ?? ''}`;
}

/** The sort and map key of a reservation: order line, SKU, location. */
export function reservationKey(orderLineId: string, sku: string, location: string | undefined): string {
  return `${orderLineId}\u0000${sku}\u0000${location ?? ''}`;
}

/** Compares strings by UTF-16 code units, the one fixed order used for keys everywhere. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A JSON text with object keys sorted, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byCodeUnit(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** ` (倉庫「X」)` for a location, empty for the default one. */
export function atLocation(location: string | undefined): string {
  return location === undefined ? '' : `（倉庫「${location}」）`;
}
