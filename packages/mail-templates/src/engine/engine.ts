import { createIssue, fail, HakobuError, type Issue, ok, type Result, YenStyle } from '@hakobu/core';
import { Liquid, LiquidError, Tag, type Template } from 'liquidjs';
import { z } from 'zod';
import { expandBracketTags, lineColumnOf } from '../aliases/aliases';
import { analyzeTemplate } from '../check/check';
import { type PathNode, pathTree } from '../check/paths';
import { MailContext } from '../context/schema';
import {
  formatJapanDate,
  formatMailYen,
  formatPhone,
  formatPostalCode,
  formatWareki,
  JapanDateStyle,
  toFullwidth,
  toHalfwidth,
} from './format';
import { DEFAULT_TRACKING_URLS, TrackingUrlTable, trackingUrl } from './tracking';

/** Output format of a template: `text` (no escaping) or `html` (every output HTML-escaped). */
export const TemplateFormat = z.enum(['text', 'html']);
/** @see {@link TemplateFormat} */
export type TemplateFormat = z.infer<typeof TemplateFormat>;

/** Options of {@link createMailEngine}. */
export interface MailEngineOptions {
  /** Tracking-page URLs per carrier (`{number}` placeholder), merged over {@link DEFAULT_TRACKING_URLS}. */
  readonly trackingUrls?: Readonly<Record<string, string>>;
  /** Extra or overriding bracket tags: tag (no brackets) → Liquid. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Expand bracket tags (`[注文番号]`) before parsing. Default true. */
  readonly bracketTags?: boolean;
}

/** Options of one template: its format and a name for messages. */
export interface TemplateOptions {
  readonly format?: TemplateFormat;
  /** Shown in issues (e.g. the template id). */
  readonly name?: string;
}

/** A template parsed and checked once, rendered many times (コンパイル済みテンプレート). */
export interface CompiledTemplate {
  readonly name: string;
  readonly format: TemplateFormat;
  /** The text as written (with bracket tags). */
  readonly source: string;
  /** Warnings found when checking (unknown bracket tags left as text). */
  readonly warnings: readonly Issue[];
}

interface CompiledInternal {
  readonly templates: Template[];
  readonly originalOffset: (offset: number) => number;
}

/**
 * A template engine for shop mail and documents on LiquidJS (テンプレートエンジン): strict variables and
 * filters, no JavaScript evaluation, no file access (`include`/`render`/`layout` are refused), own
 * properties only, HTML escaping of every output in `html` templates, and the Japanese filters.
 */
export interface MailEngine {
  /**
   * Checks a template before it is saved: syntax, unknown tags and filters, every variable against
   * {@link MailContext}, unsafe `| raw` in HTML. Every issue has line and column.
   */
  checkTemplate(source: string, options?: TemplateOptions): Issue[];
  /** Checks and parses a template; fails with the issues when any is an error. */
  compile(source: string, options?: TemplateOptions): Result<CompiledTemplate>;
  /**
   * Renders a compiled template on a context; a render error (e.g. a bad date) is an issue with position.
   * The context is used as given (not re-validated per message, for speed): build it with `buildMailContext`
   * or validate it with `MailContext.parse`. Paths outside the schema cannot be reached either way, since
   * compiled templates only use checked paths and lookups read own properties only.
   */
  render(template: CompiledTemplate, context: MailContext): Result<string>;
  /** The bracket tags and tracking URLs in effect. */
  readonly trackingUrls: Readonly<Record<string, string>>;
}

const CONTEXT_TREE: PathNode = pathTree(MailContext);
const RAW_ALLOWED = ['blocks.rank', 'blocks.message', 'blocks.signature'] as const;

function refusingTag(name: string): new (...args: ConstructorParameters<typeof Tag>) => Tag {
  return class extends Tag {
    constructor(...args: ConstructorParameters<typeof Tag>) {
      super(...args);
      throw new Error(`${name} is not allowed`);
    }
    *render(): Generator<unknown, void, unknown> {}
  };
}

function choice<T extends string>(options: readonly T[], value: unknown, fallback: T, filter: string): T {
  const picked = value ?? fallback;
  if ((options as readonly unknown[]).includes(picked)) return picked as T;
  throw new HakobuError(
    'mail.filter_argument',
    `フィルタ「${filter}」の書式「${String(value)}」はありません`,
  );
}

function newLiquid(format: TemplateFormat, urls: Readonly<Record<string, string>>): Liquid {
  const liquid = new Liquid({
    strictVariables: true,
    strictFilters: false,
    lenientIf: true,
    ownPropertyOnly: true,
    outputEscape: format === 'html' ? 'escape' : undefined,
    templates: {},
    dynamicPartials: false,
    cache: false,
  });
  for (const name of ['include', 'render', 'layout']) liquid.registerTag(name, refusingTag(name));
  liquid.registerFilter('yen', (value: unknown, style?: unknown) =>
    formatMailYen(value as number | null, choice(YenStyle.options, style, 'symbol', 'yen')),
  );
  liquid.registerFilter('jdate', (value: unknown, style?: unknown) =>
    formatJapanDate(value as string | null, choice(JapanDateStyle.options, style, 'long', 'jdate')),
  );
  liquid.registerFilter('weekday', (value: unknown) => formatJapanDate(value as string | null, 'weekday'));
  liquid.registerFilter('wareki', (value: unknown, style?: unknown) =>
    formatWareki(value as string | null, style === 'year' ? 'year' : 'date'),
  );
  liquid.registerFilter('fullwidth', (value: unknown) => toFullwidth(String(value ?? '')));
  liquid.registerFilter('halfwidth', (value: unknown) => toHalfwidth(String(value ?? '')));
  liquid.registerFilter('phone', (value: unknown) => formatPhone(value as string | null));
  liquid.registerFilter('postal', (value: unknown, mark?: unknown) =>
    formatPostalCode(value as string | null, mark !== false),
  );
  liquid.registerFilter('tracking_url', (value: unknown, carrier?: unknown) =>
    trackingUrl(carrier as string | null, value as string | null, urls),
  );
  return liquid;
}

/**
 * Creates a {@link MailEngine}. One engine per host is enough; compiled templates are reusable.
 *
 * @example
 * ```ts
 * const engine = createMailEngine();
 * const compiled = engine.compile('[お届け先氏名] 様\n{{ amounts.billedTotal | yen }}');
 * if (compiled.ok) engine.render(compiled.value, context); // { ok: true, value: '佐藤 花子 様\n¥5,060', … }
 * ```
 */
export function createMailEngine(options: MailEngineOptions = {}): MailEngine {
  const urls = { ...DEFAULT_TRACKING_URLS, ...TrackingUrlTable.parse(options.trackingUrls ?? {}) };
  const engines = { text: newLiquid('text', urls), html: newLiquid('html', urls) };
  // Parsed templates stay private to the engine, so a compiled template is plain, serialisable data.
  const compiledTemplates = new WeakMap<CompiledTemplate, CompiledInternal>();
  const analyze = (source: string, templateOptions: TemplateOptions) => {
    const format = TemplateFormat.parse(templateOptions.format ?? 'text');
    const expanded =
      options.bracketTags === false
        ? { source, issues: [], originalOffset: (offset: number) => offset }
        : expandBracketTags(source, format, options.aliases);
    const name = templateOptions.name ?? 'template';
    const analysis = analyzeTemplate({
      liquid: engines[format],
      original: source,
      expanded,
      format,
      tree: CONTEXT_TREE,
      rawAllowed: RAW_ALLOWED,
    });
    const issues = analysis.issues.map((issue) => ({ ...issue, data: { template: name, ...issue.data } }));
    return { format, name, templates: analysis.templates, issues, expanded };
  };
  return {
    trackingUrls: urls,
    checkTemplate: (source, templateOptions = {}) => analyze(source, templateOptions).issues,
    compile(source, templateOptions = {}) {
      const { format, name, templates, issues, expanded } = analyze(source, templateOptions);
      if (templates === undefined || issues.some((issue) => issue.severity === 'error')) return fail(issues);
      const compiled: CompiledTemplate = { name, format, source, warnings: issues };
      compiledTemplates.set(compiled, {
        templates,
        originalOffset: (offset) => expanded.originalOffset(offset),
      });
      return ok(compiled, issues);
    },
    render(template, context) {
      const internal = compiledTemplates.get(template);
      if (internal === undefined) {
        throw new HakobuError('mail.not_compiled', 'render needs a template from compile() of this engine');
      }
      try {
        const text = engines[template.format].renderSync(internal.templates, context) as string;
        return ok(text);
      } catch (error) {
        return fail([renderIssue(template, internal, error)]);
      }
    },
  };
}

function renderIssue(template: CompiledTemplate, internal: CompiledInternal, error: unknown): Issue {
  const cause =
    error instanceof LiquidError && error.originalError !== undefined ? error.originalError : error;
  const detail = cause instanceof Error ? cause.message : String(error);
  const token = LiquidError.is(error) ? (error.token as unknown as { begin: number }) : undefined;
  const where =
    token === undefined ? undefined : lineColumnOf(template.source, internal.originalOffset(token.begin));
  const prefix = where === undefined ? '' : `${where.line}行${where.column}列: `;
  return createIssue(
    'template.render_failed',
    `${prefix}テンプレート「${template.name}」を差し込めませんでした（${detail.replace(/, line:\d+, col:\d+[\s\S]*$/, '')}）`,
    { ...(where ?? {}), data: { template: template.name, detail } },
  );
}

let defaultEngine: MailEngine | undefined;

/**
 * Checks a template with the default engine (テンプレート検査) before it is saved: unknown variable, filter or
 * tag, unclosed tag, unsafe `| raw`, each an issue with line and column. Use {@link MailEngine.checkTemplate}
 * when the host configures aliases or tracking URLs.
 *
 * @example
 * ```ts
 * checkTemplate('{{ order.nmber }}');
 * // [{ code: 'template.unknown_variable', line: 1, column: 4, message: '1行4列: 変数「order.nmber」はありません…' }]
 * ```
 */
export function checkTemplate(source: string, options: TemplateOptions = {}): Issue[] {
  defaultEngine ??= createMailEngine();
  return defaultEngine.checkTemplate(source, options);
}
