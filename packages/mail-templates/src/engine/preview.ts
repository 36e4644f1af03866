import { fail, type Issue, ok, type Result } from '@hakobu/core';
import type { CustomerRank, OrderState } from '@hakobu/orders';
import { buildMailContext, type ShopInfo } from '../context/build';
import { sampleOrder } from '../context/sample';
import type { MailEngine, TemplateFormat } from './engine';

/** Options of {@link preview}. */
export interface PreviewOptions {
  readonly format?: TemplateFormat;
  /** The order to preview on; default {@link sampleOrder}. */
  readonly order?: OrderState;
  readonly shop?: ShopInfo;
  readonly event?: string;
  /** The sending instant shown as `mail.today`; default the sample's shipping day. */
  readonly now?: Date;
  readonly rank?: CustomerRank;
  readonly blocks?: { readonly rank?: string; readonly message?: string; readonly signature?: string };
}

const SAMPLE_SHOP: ShopInfo = {
  name: 'はこぶ堂 楽天市場店',
  email: 'shop@example.jp',
  phone: '0312345678',
  url: 'https://www.rakuten.co.jp/hakobu-do/',
  invoiceNumber: 'T7123456789012',
};

/**
 * Checks a template and renders it on a sample order (プレビュー), for the screen where staff edit templates:
 * the rendered text with warnings, or every issue of the check (or the render) with line and column.
 *
 * @example
 * ```ts
 * const shown = preview(createMailEngine(), '[お届け先氏名] 様 {{ order.orderedAt | jdate }}');
 * shown.ok && shown.value; // '佐藤 花子 様 2026年11月27日(金)'
 * ```
 */
export function preview(engine: MailEngine, source: string, options: PreviewOptions = {}): Result<string> {
  const compiled = engine.compile(source, { format: options.format ?? 'text', name: 'preview' });
  if (!compiled.ok) return compiled;
  const context = buildMailContext(options.order ?? sampleOrder(), {
    shop: options.shop ?? SAMPLE_SHOP,
    event: options.event ?? 'shipped',
    now: options.now ?? new Date('2026-11-28T01:00:00Z'),
    ...(options.rank === undefined ? {} : { rank: options.rank }),
    blocks: {
      rank: '',
      message: '',
      signature: `${SAMPLE_SHOP.name}\n${SAMPLE_SHOP.email}`,
      ...options.blocks,
    },
  });
  const rendered = engine.render(compiled.value, context);
  const warnings: Issue[] = [...compiled.value.warnings];
  return rendered.ok ? ok(rendered.value, warnings) : fail([...warnings, ...rendered.issues]);
}
