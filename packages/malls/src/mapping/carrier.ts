/** Canonical carrier codes (配送業者) as `Shipment.carrier` holds them, with their Japanese names. */
export const carrierNames: Readonly<Record<string, string>> = {
  yamato: 'ヤマト運輸',
  sagawa: '佐川急便',
  japanpost: '日本郵便',
  seino: '西濃運輸',
  fukuyama: '福山通運',
  meitetsu: '名鉄運輸',
  tonami: 'トナミ運輸',
  nittsu: '日本通運',
  ecohai: 'エコ配',
  rakutenExpress: 'Rakuten EXPRESS',
};

/** 楽天 配送会社コード (deliveryCompany, 1000–1031) by canonical carrier. `1000` is その他. */
export const rakutenCarrierCodes: Readonly<Record<string, string>> = {
  yamato: '1001',
  sagawa: '1002',
  japanpost: '1003',
  seino: '1004',
  fukuyama: '1006',
  meitetsu: '1007',
  tonami: '1008',
  ecohai: '1016',
  nittsu: '1021',
  rakutenExpress: '1028',
};

/**
 * Yahoo! ShipCompanyCode by canonical carrier. Only 1000 その他, 1001 ヤマト運輸, 1002 佐川急便 are confirmed
 * (reference/malls.md §2.4); pass your own table for the rest.
 */
export const yahooCarrierCodes: Readonly<Record<string, string>> = {
  yamato: '1001',
  sagawa: '1002',
};

/**
 * Shopify tracking company names for Japan (◐: seen in several integrations, the official list was not
 * read): case-sensitive, Shopify builds the tracking URL from them.
 */
export const shopifyTrackingCompanies: Readonly<Record<string, string>> = {
  yamato: 'Yamato (JA)',
  sagawa: 'Sagawa (JA)',
  japanpost: 'Japan Post (JA)',
};

/**
 * The canonical carrier of a mall carrier code (配送会社コードの逆引き), or `undefined`.
 *
 * @example
 * ```ts
 * carrierFromCode('1001', rakutenCarrierCodes); // 'yamato'
 * ```
 */
export function carrierFromCode(code: string, table: Readonly<Record<string, string>>): string | undefined {
  let reverse = REVERSED.get(table);
  if (reverse === undefined) {
    reverse = new Map(Object.entries(table).map(([carrier, value]) => [value, carrier]));
    REVERSED.set(table, reverse);
  }
  return reverse.get(code);
}

const REVERSED = new WeakMap<object, Map<string, string>>();
