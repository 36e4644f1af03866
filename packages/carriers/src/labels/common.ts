import {
  apportion,
  checkPhoneNumber,
  createIssue,
  foldWidth,
  type Issue,
  normalizeNumericDashes,
  normalizePostalCode,
} from '@hakobu/core';
import type { OrderLine, Party, Shipment, TaxRatePercent } from '@hakobu/orders';
import { compileItemNameRules, ItemNameRules, type ItemNameRulesInput } from '../layout/item-name';
import type { RowSubject } from '../layout/spec';
import { type ResolvedService, resolveService, type ServiceKind } from '../service/service';
import type { HandlingMark, LabelShipment } from '../shipment/label-shipment';

/** The carriers hakobu knows (配送業者 id on `Shipment.carrier`). */
export const CARRIER_IDS = ['yamato', 'sagawa', 'japanpost'] as const;
/** @see {@link CARRIER_IDS} */
export type CarrierId = (typeof CARRIER_IDS)[number];

/**
 * The order data a label writer reads through shipment lines: product names, tax rates, prices, and the SKU
 * written as B2's 品名コード (`masterSku`, else `sku`) when there is one.
 */
export interface LabelOrder {
  readonly id: string;
  readonly lines: readonly (Pick<OrderLine, 'id' | 'name' | 'unitPrice' | 'quantity' | 'taxRate'> &
    Partial<Pick<OrderLine, 'sku' | 'masterSku'>>)[];
}

/** Options every label writer takes (送り状出力の共通設定). */
export interface LabelOptions {
  /** ご依頼主 (shipper) printed on the label; required by B2, e飛伝 and ゆうプリR. */
  readonly shipper?: Party;
  /** Orders the shipments' lines refer to, for 品名 and the tax part of a COD amount. */
  readonly orders?: readonly LabelOrder[];
  /** The shop's product-name rules (品名の変換ルール). */
  readonly itemNameRules?: ItemNameRulesInput;
  /** 品名 when no line name can be found. Default `'雑貨'`. */
  readonly defaultItemName?: string;
  /** 出荷予定日 for shipments without `plannedShipDate`, `YYYY-MM-DD`. */
  readonly shipDate?: string;
  /**
   * The key written to the customer-management-number column (お客様管理番号), read back from the tracking
   * export. Default: the shipment id.
   */
  readonly keyOf?: (shipment: Shipment) => string;
  /** Extra `Shipment.service` texts (配送方法の別名), lower-cased keys. */
  readonly serviceAliases?: Readonly<Record<string, ResolvedService>>;
  /** Refuse 機種依存文字 (JIS X 0208 only). Default `true`: B2 documents JIS 第1・第2水準 only. */
  readonly jisX0208Only?: boolean;
  /** Write the header row. Default: the layout's own default. */
  readonly header?: boolean;
  /** The consumption tax inside the COD amount (代引内消費税). Default: computed per rate from the lines. */
  readonly codTaxOf?: (shipment: Shipment) => number;
}

/** A party's fields in label shape. */
export interface LabelParty {
  readonly postalCode: string;
  readonly phone: string;
  readonly name: string;
  readonly nameKana: string;
  readonly company: string;
  /** 都道府県 + 市区町村・番地. */
  readonly address: string;
  /** 建物名・部屋番号. */
  readonly building: string;
}

/** What every layout's formatters read (行コンテキスト). */
export interface BaseContext {
  readonly shipment: LabelShipment;
  readonly key: string;
  readonly service: ResolvedService;
  readonly destination: LabelParty;
  readonly shipper: LabelParty | undefined;
  /** Product names after the shop's rules, one per shipment line. */
  readonly items: string[];
  /** The lines' SKUs (`masterSku`, else `sku`, else `''`), beside {@link BaseContext.items}. */
  readonly itemCodes: string[];
  /** 個数: `shipment.parcels`, 1 when absent. */
  readonly parcels: number;
  readonly codAmount: number;
  readonly codTax: number;
  /** 出荷予定日, `YYYY-MM-DD`. */
  readonly shipDate: string | undefined;
}

/** Phone in label shape: ASCII digits and hyphens as the customer grouped them. */
export function labelPhone(phone: string): string {
  return normalizeNumericDashes(foldWidth(phone))
    .replace(/内線.*$|ext.*$/i, '')
    .replace(/[^\d-]/g, '');
}

/** A party in label shape, with problems of its phone and postal code as issues. */
export function labelParty(
  party: Party,
  path: () => (string | number)[],
  who: () => string,
): { party: LabelParty; issues: Issue[] } {
  const issues: Issue[] = [];
  let postal = normalizePostalCode(party.postalCode);
  if (!postal.ok) {
    postal = normalizePostalCode(party.postalCode, { path: [...path(), 'postalCode'] });
    issues.push(...postal.issues.map((issue) => ({ ...issue, message: `${who()}: ${issue.message}` })));
  }
  if (party.phone.trim() === '') {
    issues.push(
      createIssue('carrier.phone_missing', `${who()}の電話番号がありません`, { path: [...path(), 'phone'] }),
    );
  } else if (checkPhoneNumber(party.phone).length > 0) {
    issues.push(
      ...checkPhoneNumber(party.phone, { path: [...path(), 'phone'] }).map((issue) => ({
        ...issue,
        message: `${who()}: ${issue.message}`,
      })),
    );
  }
  return {
    party: {
      postalCode: postal.ok ? postal.value : '',
      phone: labelPhone(party.phone),
      name: party.name.trim(),
      nameKana: party.nameKana?.trim() ?? '',
      company: party.company?.trim() ?? '',
      address: (party.address1.startsWith(party.prefecture)
        ? party.address1
        : `${party.prefecture}${party.address1}`
      ).trim(),
      building: party.address2?.trim() ?? '',
    },
    issues,
  };
}

/** `1234567` → `123-4567`. */
export function hyphenatedPostal(code: string): string {
  return code.length === 7 ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}

/** `2026-12-01` → `2026/12/01` or `20261201`. */
export function formatDate(date: string | undefined, separator: '/' | ''): string {
  return date === undefined ? '' : date.replace(/-/g, separator);
}

/**
 * The consumption tax inside an amount the carrier collects (代引・収納代行の内消費税): the amount apportioned over
 * the shipment's goods and fees by rate (fees at 10%), each part's tax rounded down.
 */
export function taxInside(
  amount: number,
  shipment: Shipment,
  lines: Map<string, LabelOrder['lines'][number]>,
): number {
  const byRate = new Map<TaxRatePercent, number>();
  for (const ref of shipment.lines) {
    const line = lines.get(`${ref.orderId}\u0000${ref.lineId}`);
    if (line === undefined) continue;
    byRate.set(line.taxRate, (byRate.get(line.taxRate) ?? 0) + line.unitPrice * ref.quantity);
  }
  for (const charge of shipment.charges) {
    if (charge.waived === true || charge.kind === 'couponDiscount' || charge.kind === 'pointsUsed') continue;
    byRate.set(10, (byRate.get(10) ?? 0) + charge.amount);
  }
  const rates = [...byRate.keys()];
  const weights = rates.map((rate) => byRate.get(rate) ?? 0);
  const parts = apportion(amount, weights);
  if (!parts.ok || rates.length === 0) return Math.floor((amount * 10) / 110);
  return rates.reduce<number>(
    (sum, rate, index) => sum + Math.floor(((parts.value[index] ?? 0) * rate) / (100 + rate)),
    0,
  );
}

/** Shared state of one writer call: the line index, rules and defaults. */
export interface LabelRun {
  readonly options: LabelOptions;
  readonly cleanName: (name: string) => string;
  readonly lines: Map<string, LabelOrder['lines'][number]>;
  readonly shipper: { party: LabelParty; issues: Issue[] } | undefined;
}

/** Prepares what a writer call shares across its shipments. */
export function startRun(options: LabelOptions): LabelRun {
  const lines = new Map<string, LabelOrder['lines'][number]>();
  for (const order of options.orders ?? []) {
    for (const line of order.lines) lines.set(`${order.id}\u0000${line.id}`, line);
  }
  return {
    options,
    cleanName: compileItemNameRules(ItemNameRules.parse(options.itemNameRules ?? {})),
    lines,
    shipper:
      options.shipper === undefined
        ? undefined
        : labelParty(
            options.shipper,
            () => ['shipper'],
            () => 'ご依頼主',
          ),
  };
}

/**
 * Builds the carrier-neutral part of a row: key, service, parties in label shape, item names, COD and dates,
 * with an issue for each problem (unknown or foreign carrier, unknown service, missing shipper, bad phone or
 * postal code).
 */
export function baseContext(
  run: LabelRun,
  shipment: LabelShipment,
  index: number,
  expect: { carrier: CarrierId; defaultService: ServiceKind; needsShipper: boolean },
): { subject: RowSubject; key: string; base: BaseContext | undefined; issues: Issue[] } {
  const subject: RowSubject = { index, shipmentId: shipment.id, slipNumber: shipment.slipNumber };
  const key = run.options.keyOf?.(shipment) ?? shipment.id;
  const where = `伝票${shipment.slipNumber}`;
  const path = ['shipments', index];
  const issues: Issue[] = [];
  const data = { shipmentId: shipment.id };
  if (shipment.carrier !== undefined && shipment.carrier !== '') {
    if (!(CARRIER_IDS as readonly string[]).includes(shipment.carrier)) {
      issues.push(
        createIssue(
          'carrier.unknown_carrier',
          `${where}の配送業者「${shipment.carrier}」は対応していません`,
          {
            path: [...path, 'carrier'],
            data: { ...data, carrier: shipment.carrier },
          },
        ),
      );
    } else if (shipment.carrier !== expect.carrier) {
      issues.push(
        createIssue(
          'carrier.wrong_carrier',
          `${where}の配送業者は「${shipment.carrier}」で、このファイル（${expect.carrier}）には出力できません`,
          {
            path: [...path, 'carrier'],
            data: { ...data, carrier: shipment.carrier, expected: expect.carrier },
          },
        ),
      );
    }
  }
  const service = resolveService(shipment.service, expect.defaultService, run.options.serviceAliases);
  if (service === undefined) {
    issues.push(
      createIssue('carrier.unknown_service', `${where}の配送方法「${shipment.service}」が分かりません`, {
        path: [...path, 'service'],
        data: { ...data, service: shipment.service },
      }),
    );
  }
  if (expect.needsShipper && run.shipper === undefined) {
    issues.push(
      createIssue('carrier.shipper_missing', `${where}: ご依頼主（shipper）が設定されていません`, {
        path: ['shipper'],
        data,
      }),
    );
  }
  if (run.shipper !== undefined && index === 0) issues.push(...run.shipper.issues);
  const destination = labelParty(
    shipment.destination,
    () => [...path, 'destination'],
    () => `${where}のお届け先`,
  );
  issues.push(...destination.issues);
  const parcels = shipment.parcels ?? 1;
  if (!Number.isSafeInteger(parcels) || parcels < 1) {
    issues.push(
      createIssue('carrier.invalid_parcels', `${where}の個数「${parcels}」は1以上の整数で指定してください`, {
        path: [...path, 'parcels'],
        data: { ...data, parcels },
      }),
    );
  }
  if (service === undefined) return { subject, key, base: undefined, issues };
  const items: string[] = [];
  const itemCodes: string[] = [];
  for (const ref of shipment.lines) {
    const line = run.lines.get(`${ref.orderId}\u0000${ref.lineId}`);
    if (line === undefined) continue;
    items.push(run.cleanName(line.name));
    itemCodes.push(line.masterSku ?? line.sku ?? '');
  }
  if (items.length === 0) {
    items.push(run.options.defaultItemName ?? '雑貨');
    itemCodes.push('');
  }
  const codAmount = shipment.codAmount;
  const codTax =
    codAmount > 0 ? (run.options.codTaxOf?.(shipment) ?? taxInside(codAmount, shipment, run.lines)) : 0;
  return {
    subject,
    key,
    base: {
      shipment,
      key,
      service,
      destination: destination.party,
      shipper: run.shipper?.party,
      items,
      itemCodes,
      parcels,
      codAmount,
      codTax,
      shipDate: shipment.plannedShipDate ?? run.options.shipDate,
    },
    issues,
  };
}

/** An error issue for a combination the carrier does not offer (サービス対象外の指定). */
export function unavailable(
  shipment: Shipment,
  index: number,
  field: string,
  message: string,
  data: Record<string, unknown> = {},
): Issue {
  return createIssue('carrier.unavailable_option', `伝票${shipment.slipNumber}: ${message}`, {
    path: ['shipments', index, field],
    data: { shipmentId: shipment.id, ...data },
  });
}

/** Japanese names of the {@link HandlingMark}s, for messages and B2's 荷扱い text. */
export const HANDLING_NAMES: Readonly<Record<HandlingMark, string>> = {
  fragile: 'ワレモノ注意',
  valuables: '貴重品',
  thisSideUp: '天地無用',
  perishable: 'ナマモノ',
  doNotStack: '下積厳禁',
};

/** What a label system can carry of the label-only shipment fields (see `LabelShipment`). */
export interface LabelExtras {
  /** Writes a parcel count (個数) for every service it offers. */
  readonly parcels: boolean;
  readonly holdAtBranch: boolean;
  readonly paymentAgency: boolean;
  /** The handling marks it can write; the others are warned about. */
  readonly handling: readonly HandlingMark[];
}

/** A system that carries none of the label-only fields (one parcel, no 営業所止置き, 収納代行 or handling marks). */
export const NO_EXTRAS: LabelExtras = {
  parcels: false,
  holdAtBranch: false,
  paymentAgency: false,
  handling: [],
};

/**
 * Issues for the label-only fields a system cannot carry: an error for more than one parcel, 営業所止置き or
 * 収納代行 (the parcel would go out wrong), a warning for a handling mark it has no place for.
 */
export function refuseExtras(x: BaseContext, index: number, system: string, offers: LabelExtras): Issue[] {
  const s = x.shipment;
  const issues: Issue[] = [];
  if (!offers.parcels && x.parcels > 1) {
    issues.push(
      unavailable(
        s,
        index,
        'parcels',
        `${system}では複数個口（${x.parcels}個）を1件の送り状にできません（1個ずつの伝票に分けてください）`,
        { parcels: x.parcels },
      ),
    );
  }
  if (!offers.holdAtBranch && s.holdAtBranch !== undefined) {
    issues.push(unavailable(s, index, 'holdAtBranch', `${system}では営業所止置きを指定できません`));
  }
  if (!offers.paymentAgency && s.paymentAgency !== undefined) {
    issues.push(unavailable(s, index, 'paymentAgency', `${system}では収納代行を指定できません`));
  }
  const dropped = (s.handling ?? []).filter((mark) => !offers.handling.includes(mark));
  if (dropped.length > 0) {
    const names = dropped.map((mark) => HANDLING_NAMES[mark]).join('・');
    issues.push(
      createIssue(
        'carrier.handling_unsupported',
        `伝票${s.slipNumber}: ${system}には荷扱い「${names}」を書く欄がないため出力していません`,
        {
          severity: 'warning',
          path: ['shipments', index, 'handling'],
          data: { shipmentId: s.id, handling: dropped },
        },
      ),
    );
  }
  return issues;
}
