import { createIssue, fail, type Issue, ok, type Result, TimeOfDay } from '@hakobu/core';
import { z } from 'zod';
import type { StatusFlow } from '../status';
import { type Action, Action as ActionSchema, actionConflict } from './actions';
import { Condition, possibleStatuses } from './conditions';

/**
 * When a rule set runs (起動タイミング): on import (取込時), on named events (e.g. `payment.confirmed`,
 * `tracking.applied`), or scheduled at a Japan-time clock time (定時実行), optionally on business days only.
 */
export const Trigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('onImport') }),
  z.object({ kind: z.literal('onEvent'), events: z.array(z.string().min(1)).min(1) }),
  z.object({
    kind: z.literal('scheduled'),
    /** 実行時刻 in Japan time, `HH:mm`. */
    at: TimeOfDay,
    businessDaysOnly: z.boolean().default(false),
  }),
]);
/** @see {@link Trigger} */
export type Trigger = z.infer<typeof Trigger>;

/** One rule (自動処理ルール): a condition and the actions it fires, in order. */
export const Rule = z.object({
  /** Stable id, part of the idempotency key; never reuse one for a different rule. */
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  /** Japanese name for staff. */
  name: z.string().min(1),
  enabled: z.boolean().default(true),
  /** Overrides the rule set's `refire` for this rule, e.g. `never` for a hold staff will release by hand. */
  refire: z.enum(['onChange', 'never']).optional(),
  when: Condition,
  actions: z.array(ActionSchema).min(1),
});
/** @see {@link Rule} */
export type Rule = z.infer<typeof Rule>;
/** Input form of {@link Rule}. */
export type RuleInput = z.input<typeof Rule>;

/**
 * A rule set (ルールセット) with explicit semantics: its trigger; `first` (the first matching rule in list
 * order fires, GoQSystem's way) or `all` (every matching rule fires, in list order); and when a rule may fire
 * again for an order — `onChange`: once per order version (a change by staff or an import re-arms it,
 * changes made by automation do not), `never`: once per order; a spent `never` rule is passed over, so in a
 * first-match set the next matching rule gets its turn. A rule may override `refire`.
 */
export const RuleSet = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  name: z.string().min(1),
  /** One trigger, or several (e.g. on import and on the host's `order.updated` event). */
  trigger: z.union([Trigger, z.array(Trigger).min(1)]),
  match: z.enum(['first', 'all']),
  refire: z.enum(['onChange', 'never']).default('onChange'),
  rules: z.array(Rule).min(1),
});
/** @see {@link RuleSet} */
export type RuleSet = z.infer<typeof RuleSet>;
/** Input form of {@link RuleSet}. */
export type RuleSetInput = z.input<typeof RuleSet>;

/** What rules are checked against when loaded (参照先): the status flow and the mail templates that exist. */
export interface RuleCatalog {
  readonly flow: StatusFlow;
  /** Template keys the host can compose, e.g. the keys registered in `@hakobu/mail-templates`. */
  readonly templates: readonly string[];
}

function zodIssues(error: z.ZodError, prefix: (string | number)[]): Issue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
    return createIssue(
      'orders.automation.invalid_rule',
      `ルール設定の${path.join('.')}が不正です: ${issue.message}`,
      {
        path,
      },
    );
  });
}

function collectStatuses(condition: Condition, out: string[]): string[] {
  if (condition.kind === 'status') out.push(...condition.in);
  else if (condition.kind === 'all' || condition.kind === 'any') {
    for (const child of condition.of) collectStatuses(child, out);
  } else if (condition.kind === 'not') collectStatuses(condition.condition, out);
  return out;
}

function referenceIssues(set: RuleSet, setIndex: number, catalog: RuleCatalog): Issue[] {
  const issues: Issue[] = [];
  const statuses = new Set(catalog.flow.statuses.map((status) => status.id));
  const templates = new Set(catalog.templates);
  const ruleIds = new Set<string>();
  set.rules.forEach((rule, ruleIndex) => {
    const path = [setIndex, 'rules', ruleIndex];
    const where = `ルールセット「${set.name}」のルール「${rule.name}」`;
    if (ruleIds.has(rule.id)) {
      issues.push(
        createIssue('orders.automation.duplicate_rule', `${where}のID「${rule.id}」が重複しています`, {
          path: [...path, 'id'],
          data: { ruleSetId: set.id, ruleId: rule.id },
        }),
      );
    }
    ruleIds.add(rule.id);
    for (const status of collectStatuses(rule.when, [])) {
      if (!statuses.has(status)) {
        issues.push(
          createIssue(
            'orders.automation.unknown_status',
            `${where}の条件が未定義のステータス「${status}」を使っています`,
            {
              path: [...path, 'when'],
              data: { ruleSetId: set.id, ruleId: rule.id, status },
            },
          ),
        );
      }
    }
    rule.actions.forEach((action, actionIndex) => {
      const actionPath = [...path, 'actions', actionIndex];
      if (action.kind === 'moveStatus' && !statuses.has(action.to)) {
        issues.push(
          createIssue(
            'orders.automation.unknown_status',
            `${where}の移動先ステータス「${action.to}」は定義されていません`,
            {
              path: [...actionPath, 'to'],
              data: { ruleSetId: set.id, ruleId: rule.id, status: action.to },
            },
          ),
        );
      } else if (action.kind === 'moveStatus') {
        const from = possibleStatuses(rule.when, [...statuses]);
        const reachable = catalog.flow.transitions.some(
          (transition) => transition.to === action.to && transition.from.some((status) => from.has(status)),
        );
        if (!reachable) {
          issues.push(
            createIssue(
              'orders.automation.no_transition',
              `${where}の条件に合うステータスから「${action.to}」へ移る遷移がありません`,
              {
                path: [...actionPath, 'to'],
                data: { ruleSetId: set.id, ruleId: rule.id, status: action.to },
              },
            ),
          );
        }
      }
      if (action.kind === 'sendMail' && !templates.has(action.template)) {
        issues.push(
          createIssue(
            'orders.automation.unknown_template',
            `${where}のメールテンプレート「${action.template}」がありません`,
            {
              path: [...actionPath, 'template'],
              data: { ruleSetId: set.id, ruleId: rule.id, template: action.template },
            },
          ),
        );
      }
    });
  });
  return issues;
}

function conflictsWithin(actions: readonly Action[]): { a: number; b: number; reason: string }[] {
  const found: { a: number; b: number; reason: string }[] = [];
  for (let a = 0; a < actions.length; a += 1) {
    for (let b = a + 1; b < actions.length; b += 1) {
      const reason = actionConflict(actions[a]!, actions[b]!);
      if (reason !== undefined) found.push({ a, b, reason });
    }
  }
  return found;
}

function conflictIssues(set: RuleSet, setIndex: number, allStatuses: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const rules = set.rules.filter((rule) => rule.enabled);
  for (const rule of rules) {
    for (const conflict of conflictsWithin(rule.actions)) {
      issues.push(
        createIssue(
          'orders.automation.conflicting_actions',
          `ルール「${rule.name}」の処理${conflict.a + 1}と処理${conflict.b + 1}が競合しています（${conflict.reason}）`,
          {
            path: [setIndex, 'rules', set.rules.indexOf(rule), 'actions'],
            data: { ruleSetId: set.id, ruleId: rule.id },
          },
        ),
      );
    }
  }
  if (set.match === 'first') return issues;
  // In an all-match set two rules fire together on an order whose status both allow; conditions beyond the
  // status cannot be proved exclusive, so overlapping statuses are enough to reject.
  for (let i = 0; i < rules.length; i += 1) {
    for (let j = i + 1; j < rules.length; j += 1) {
      const left = rules[i]!;
      const right = rules[j]!;
      const shared = possibleStatuses(left.when, allStatuses);
      const overlap = [...possibleStatuses(right.when, allStatuses)].some((status) => shared.has(status));
      if (!overlap) continue;
      for (const a of left.actions) {
        for (const b of right.actions) {
          const reason = actionConflict(a, b);
          if (reason === undefined) continue;
          issues.push(
            createIssue(
              'orders.automation.conflicting_actions',
              `ルールセット「${set.name}」のルール「${left.name}」と「${right.name}」は同じ受注に同時に適用され得て、処理が競合します（${reason}）`,
              { path: [setIndex, 'rules'], data: { ruleSetId: set.id, ruleIds: [left.id, right.id] } },
            ),
          );
        }
      }
    }
  }
  return issues;
}

/**
 * Finds cycles of status moves over all rule sets (ステータス移動の循環): an edge goes from every status a
 * rule's condition allows to the status it moves to; a cycle means orders could be moved round forever.
 */
function cycleIssues(sets: readonly RuleSet[], allStatuses: readonly string[]): Issue[] {
  const edges = new Map<string, Map<string, string>>();
  for (const set of sets) {
    for (const rule of set.rules) {
      if (!rule.enabled) continue;
      const from = possibleStatuses(rule.when, allStatuses);
      for (const action of rule.actions) {
        if (action.kind !== 'moveStatus') continue;
        for (const status of from) {
          if (status === action.to) continue;
          const out = edges.get(status) ?? new Map<string, string>();
          if (!out.has(action.to)) out.set(action.to, `${set.id}/${rule.id}`);
          edges.set(status, out);
        }
      }
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const issues: Issue[] = [];
  const visit = (status: string): void => {
    state.set(status, 'visiting');
    stack.push(status);
    for (const [next, rule] of edges.get(status) ?? []) {
      if (state.get(next) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        issues.push(
          createIssue(
            'orders.automation.status_cycle',
            `ステータス移動が循環しています: ${cycle.join(' → ')}（ルール${rule}ほか）`,
            { data: { cycle, rule } },
          ),
        );
      } else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(status, 'done');
  };
  for (const status of [...edges.keys()].sort()) if (state.get(status) === undefined) visit(status);
  return issues;
}

/**
 * Loads rule sets (ルールセットの読込) from plain data (JSON, YAML, a database row): checks the shape, then
 * every reference and semantic — unknown statuses and mail templates, status moves no transition can make,
 * duplicate ids, conflicting actions that could hit one order in one run, and cycles of status moves.
 * Returns all problems as issues; nothing runs unless the whole list loads.
 *
 * @example
 * ```ts
 * const loaded = loadRuleSets(json, { flow: defaultStatusFlow, templates: Object.keys(STANDARD_MAIL_EVENTS) });
 * if (!loaded.ok) console.log(loaded.issues.map((issue) => issue.message));
 * ```
 */
export function loadRuleSets(input: unknown, catalog: RuleCatalog): Result<RuleSet[]> {
  const parsed = z.array(RuleSet).safeParse(input);
  if (!parsed.success) return fail(zodIssues(parsed.error, []));
  const sets = parsed.data;
  const allStatuses = catalog.flow.statuses.map((status) => status.id);
  const issues: Issue[] = [];
  const setIds = new Set<string>();
  sets.forEach((set, index) => {
    if (setIds.has(set.id)) {
      issues.push(
        createIssue('orders.automation.duplicate_rule_set', `ルールセットのID「${set.id}」が重複しています`, {
          path: [index, 'id'],
          data: { ruleSetId: set.id },
        }),
      );
    }
    setIds.add(set.id);
    issues.push(...referenceIssues(set, index, catalog), ...conflictIssues(set, index, allStatuses));
  });
  issues.push(...cycleIssues(sets, allStatuses));
  return issues.length > 0 ? fail(issues) : ok(sets);
}
