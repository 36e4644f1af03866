import { createIssue, fail, type Issue, ok, type Result } from '@hakobu/core';
import type { CustomerRank, OrderState } from '@hakobu/orders';
import { buildMailContext } from '../context/build';
import type { MailContext } from '../context/schema';
import type { CompiledTemplate, MailEngine, TemplateFormat } from '../engine/engine';
import { wrapText } from '../engine/format';
import {
  type MailMessage,
  MailRoute,
  type MailRouteInput,
  MailTemplateDefinition,
  RankBlock,
  routeKey,
} from './definitions';
import { escapeHtml } from './html';

/** The carrier mail domains treated as mobile (携帯キャリアメール) unless the host gives its own list. */
export const DEFAULT_MOBILE_DOMAINS: readonly string[] = [
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'ymobile.ne.jp',
];

/** Configuration of {@link createMailComposer}. */
export interface MailComposerConfig {
  readonly engine: MailEngine;
  readonly templates: readonly MailTemplateDefinition[];
  readonly routes: readonly MailRouteInput[];
  readonly rankBlocks?: readonly RankBlock[];
  /** Mobile detection and wrapping: domains (default {@link DEFAULT_MOBILE_DOMAINS}), line width in columns (default 40). */
  readonly mobile?: { readonly domains?: readonly string[]; readonly maxWidth?: number };
  readonly trackingUrls?: Readonly<Record<string, string>>;
  readonly carrierLabels?: Readonly<Record<string, string>>;
}

/** One mail to compose (作成依頼): the order, the event and what varies per customer. */
export interface MailRequest {
  readonly order: OrderState;
  readonly event: string;
  /** The instant of composing (from the host's Clock). */
  readonly now: Date;
  /** The shipment the mail is about (発送完了 per parcel); also part of the idempotency key. */
  readonly shipmentId?: string;
  readonly relatedOrders?: readonly OrderState[];
  readonly rank?: CustomerRank;
  /** 個別メッセージ inserted on bulk send (plain text; escaped in HTML). */
  readonly message?: string;
  /** Force PC or mobile; default by the address's domain. */
  readonly device?: 'pc' | 'mobile';
  readonly followUp?: { readonly reviewUrl?: string; readonly daysSinceDelivery?: number };
  readonly paymentDueDate?: string;
  /** 2nd, 3rd … mail of the same event (入金催促の再送): part of the idempotency key. */
  readonly sequence?: number;
}

/** A checked set of templates, routes and blocks that turns requests into messages (メール作成). */
export interface MailComposer {
  /** Chooses the template, composes blocks, renders and builds the message; every problem is an issue. */
  compose(request: MailRequest): Result<MailMessage>;
  /** The template that {@link MailComposer.compose} would use, by the order's event, payment, channel, shop. */
  chooseTemplate(order: OrderState, event: string): MailTemplateDefinition | undefined;
}

interface CompiledVariant {
  readonly subject: CompiledTemplate;
  readonly text: CompiledTemplate;
  readonly html?: CompiledTemplate;
  readonly mobileText?: CompiledTemplate;
}

interface CompiledBlock {
  readonly text: CompiledTemplate;
  readonly html?: CompiledTemplate;
}

function specificity(template: MailTemplateDefinition): number {
  return (template.paymentMethod ? 4 : 0) + (template.shopId ? 2 : 0) + (template.channel ? 1 : 0);
}

function selectorKey(template: MailTemplateDefinition): string {
  return [
    template.event,
    template.paymentMethod ?? '*',
    template.channel ?? '*',
    template.shopId ?? '*',
  ].join('|');
}

/**
 * Builds a {@link MailComposer}: validates every definition, compiles and checks every template, rank block
 * and signature once (issues name the template and carry line and column), and refuses two templates for
 * the same event, payment method, channel and shop. Fails with every issue found.
 *
 * @example
 * ```ts
 * const composer = createMailComposer({ engine, templates, routes });
 * if (composer.ok) composer.value.compose({ order, event: 'shipped', now: clock.now() });
 * ```
 */
export function createMailComposer(config: MailComposerConfig): Result<MailComposer> {
  const issues: Issue[] = [];
  const compile = (source: string, format: TemplateFormat, name: string): CompiledTemplate | undefined => {
    const compiled = config.engine.compile(source, { format, name });
    issues.push(
      ...compiled.issues.map((issue) => ({ ...issue, message: `テンプレート「${name}」 ${issue.message}` })),
    );
    return compiled.ok ? compiled.value : undefined;
  };
  const templates: Array<{ definition: MailTemplateDefinition; variant: CompiledVariant | undefined }> = [];
  const seen = new Map<string, string>();
  config.templates.forEach((input, index) => {
    const parsed = MailTemplateDefinition.safeParse(input);
    if (!parsed.success) {
      issues.push(
        createIssue(
          'mail.template_invalid',
          `テンプレート ${index + 1} 件目の定義が不正です（${fieldsOf(parsed.error)}）`,
          {
            path: ['templates', index],
            data: { detail: parsed.error.message },
          },
        ),
      );
      return;
    }
    const definition = parsed.data;
    const other = seen.get(selectorKey(definition));
    if (other !== undefined) {
      issues.push(
        createIssue(
          'mail.template_duplicate',
          `テンプレート「${definition.id}」は「${other}」と同じ条件です（種別・支払方法・販路・ショップ）`,
          { path: ['templates', index], data: { id: definition.id, other } },
        ),
      );
      return;
    }
    seen.set(selectorKey(definition), definition.id);
    const subject = compile(definition.subject, 'text', `${definition.id}.subject`);
    const text = compile(definition.text, 'text', `${definition.id}.text`);
    const html =
      definition.html === undefined ? undefined : compile(definition.html, 'html', `${definition.id}.html`);
    const mobileText =
      definition.mobileText === undefined
        ? undefined
        : compile(definition.mobileText, 'text', `${definition.id}.mobileText`);
    const complete =
      subject !== undefined &&
      text !== undefined &&
      (definition.html === undefined || html !== undefined) &&
      (definition.mobileText === undefined || mobileText !== undefined);
    templates.push({
      definition,
      variant: complete
        ? {
            subject,
            text,
            ...(html === undefined ? {} : { html }),
            ...(mobileText === undefined ? {} : { mobileText }),
          }
        : undefined,
    });
  });
  const routes = new Map<string, { route: MailRoute; signature?: CompiledBlock }>();
  config.routes.forEach((input, index) => {
    const parsed = MailRoute.safeParse(input);
    if (!parsed.success) {
      issues.push(
        createIssue(
          'mail.route_invalid',
          `送信ルート ${index + 1} 件目の設定が不正です（${fieldsOf(parsed.error)}）`,
          {
            path: ['routes', index],
            data: { detail: parsed.error.message },
          },
        ),
      );
      return;
    }
    const route = parsed.data;
    const key = routeKey(route);
    const signature =
      route.signature === undefined ? undefined : compileBlock(route.signature, `signature ${key}`);
    routes.set(key, { route, ...(signature === undefined ? {} : { signature }) });
  });
  function compileBlock(
    block: { text: string; html?: string | undefined },
    name: string,
  ): CompiledBlock | undefined {
    const text = compile(block.text, 'text', `${name}.text`);
    const html = block.html === undefined ? undefined : compile(block.html, 'html', `${name}.html`);
    if (text === undefined || (block.html !== undefined && html === undefined)) return undefined;
    return { text, ...(html === undefined ? {} : { html }) };
  }
  const rankBlocks: Array<{ block: RankBlock; compiled: CompiledBlock }> = [];
  (config.rankBlocks ?? []).forEach((input, index) => {
    const parsed = RankBlock.safeParse(input);
    if (!parsed.success) {
      issues.push(
        createIssue(
          'mail.rank_block_invalid',
          `ランク別ブロック ${index + 1} 件目の設定が不正です（${fieldsOf(parsed.error)}）`,
          {
            path: ['rankBlocks', index],
          },
        ),
      );
      return;
    }
    const compiled = compileBlock(parsed.data, `rank ${parsed.data.rank}`);
    if (compiled !== undefined) rankBlocks.push({ block: parsed.data, compiled });
  });
  if (issues.some((issue) => issue.severity === 'error')) return fail(issues);

  const mobileDomains = config.mobile?.domains ?? DEFAULT_MOBILE_DOMAINS;
  const maxWidth = config.mobile?.maxWidth ?? 40;
  const engine = config.engine;

  const choose = (order: OrderState, event: string) => {
    let best: (typeof templates)[number] | undefined;
    for (const candidate of templates) {
      const { definition } = candidate;
      if (definition.event !== event) continue;
      if (definition.paymentMethod !== undefined && definition.paymentMethod !== order.payment.method)
        continue;
      if (definition.channel !== undefined && definition.channel !== order.channel) continue;
      if (definition.shopId !== undefined && definition.shopId !== order.shopId) continue;
      if (best === undefined || specificity(definition) > specificity(best.definition)) best = candidate;
    }
    return best;
  };

  const renderBlock = (block: CompiledBlock, format: TemplateFormat, context: MailContext): Result<string> =>
    format === 'html' && block.html !== undefined
      ? engine.render(block.html, context)
      : format === 'html'
        ? mapOk(engine.render(block.text, context), textToHtml)
        : engine.render(block.text, context);

  function compose(request: MailRequest): Result<MailMessage> {
    const { order } = request;
    const label = `受注 ${order.mallOrderNumber}`;
    const problems: Issue[] = [];
    const chosen = choose(order, request.event);
    if (chosen?.variant === undefined) {
      problems.push(
        createIssue(
          'mail.no_template',
          `${label}: 「${request.event}」のテンプレートがありません（支払方法 ${order.payment.method}）`,
          { data: { orderId: order.id, event: request.event } },
        ),
      );
    }
    const routeEntry = routes.get(routeKey(order));
    if (routeEntry === undefined) {
      problems.push(
        createIssue('mail.route_missing', `${label}: 送信ルート「${routeKey(order)}」が設定されていません`, {
          data: { orderId: order.id, route: routeKey(order) },
        }),
      );
    } else if (routeEntry.signature === undefined) {
      problems.push(
        createIssue(
          'mail.signature_missing',
          `${label}: 送信ルート「${routeKey(order)}」に署名がありません`,
          { data: { orderId: order.id, route: routeKey(order) } },
        ),
      );
    }
    const to = order.orderer.email?.trim() ?? '';
    if (!/^[^\s@<>]+@[^\s@<>]+$/.test(to)) {
      problems.push(
        createIssue('mail.no_recipient', `${label}: 注文者のメールアドレスがありません`, {
          path: ['orderer', 'email'],
          data: { orderId: order.id },
        }),
      );
    }
    if (request.shipmentId !== undefined && !order.shipments.some((s) => s.id === request.shipmentId)) {
      problems.push(
        createIssue('mail.shipment_missing', `${label}: 伝票「${request.shipmentId}」がありません`, {
          data: { orderId: order.id },
        }),
      );
    }
    if (problems.length > 0 || chosen?.variant === undefined || routeEntry?.signature === undefined)
      return fail(problems);
    const { route, signature } = routeEntry;
    const variant = chosen.variant;
    const device = request.device ?? (isMobileAddress(to, mobileDomains) ? 'mobile' : 'pc');
    const base = buildMailContext(order, {
      shop: route.shop,
      event: request.event,
      now: request.now,
      ...(request.shipmentId === undefined ? {} : { shipmentId: request.shipmentId }),
      ...(request.relatedOrders === undefined ? {} : { relatedOrders: request.relatedOrders }),
      ...(request.rank === undefined ? {} : { rank: request.rank }),
      ...(request.followUp === undefined ? {} : { followUp: request.followUp }),
      ...(request.paymentDueDate === undefined ? {} : { paymentDueDate: request.paymentDueDate }),
      ...(config.trackingUrls === undefined ? {} : { trackingUrls: config.trackingUrls }),
      ...(config.carrierLabels === undefined ? {} : { carrierLabels: config.carrierLabels }),
    });
    const rankBlock =
      base.customer.rank === null
        ? undefined
        : (rankBlocks.find((b) => b.block.rank === base.customer.rank && b.block.event === request.event) ??
          rankBlocks.find((b) => b.block.rank === base.customer.rank && b.block.event === undefined));
    const contextFor = (format: TemplateFormat): Result<MailContext> => {
      const rank = rankBlock === undefined ? ok('') : renderBlock(rankBlock.compiled, format, base);
      const sign = renderBlock(signature, format, base);
      const message = request.message ?? '';
      if (!rank.ok || !sign.ok) return fail([...rank.issues, ...sign.issues]);
      return ok({
        ...base,
        blocks: {
          rank: rank.value,
          signature: sign.value,
          message: format === 'html' ? textToHtml(escapeHtml(message)) : message,
        },
      });
    };
    const textContext = contextFor('text');
    if (!textContext.ok) return textContext;
    const subject = engine.render(variant.subject, textContext.value);
    const body =
      device === 'mobile'
        ? mapOk(engine.render(variant.mobileText ?? variant.text, textContext.value), (t) =>
            wrapText(t, maxWidth),
          )
        : engine.render(variant.text, textContext.value);
    let html: Result<string> | undefined;
    if (device === 'pc' && variant.html !== undefined) {
      const htmlContext = contextFor('html');
      html = htmlContext.ok ? engine.render(variant.html, htmlContext.value) : htmlContext;
    }
    const failed = [subject, body, html].flatMap((r) => (r === undefined || r.ok ? [] : r.issues));
    if (failed.length > 0 || !subject.ok || !body.ok || (html !== undefined && !html.ok)) {
      return fail(failed.map((issue) => ({ ...issue, message: `${label}: ${issue.message}` })));
    }
    const key = [
      order.id,
      request.event,
      request.shipmentId,
      request.sequence === undefined ? undefined : `#${request.sequence}`,
    ]
      .filter((part) => part !== undefined)
      .join(':');
    return ok({
      to: [to],
      cc: [...route.cc],
      bcc: [...route.bcc],
      from: route.from,
      replyTo: route.replyTo ?? null,
      subject: subject.value.replace(/\s*[\r\n]+\s*/g, ' ').trim(),
      text: body.value,
      ...(html === undefined || !html.ok ? {} : { html: html.value }),
      headers: { ...route.headers },
      idempotencyKey: key,
      meta: { orderId: order.id, event: request.event, templateId: chosen.definition.id, device },
    });
  }

  return ok(
    {
      compose,
      chooseTemplate: (order, event) => choose(order, event)?.definition,
    },
    issues,
  );
}

function fieldsOf(error: {
  readonly issues: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly message: string }>;
}): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '全体'}: ${issue.message}`)
    .join('、');
}

function mapOk<T, U>(result: Result<T>, map: (value: T) => U): Result<U> {
  return result.ok ? ok(map(result.value), result.issues) : result;
}

function textToHtml(text: string): string {
  return text.replace(/\r?\n/g, '<br>\n');
}

/**
 * True when an address belongs to a mobile carrier's mail domain (携帯メール判定), including subdomains.
 *
 * @example
 * ```ts
 * isMobileAddress('taro@docomo.ne.jp'); // true
 * isMobileAddress('taro@example.jp'); // false
 * ```
 */
export function isMobileAddress(
  address: string,
  domains: readonly string[] = DEFAULT_MOBILE_DOMAINS,
): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((candidate) => domain === candidate || domain.endsWith(`.${candidate}`));
}
