import {
  addDays,
  type BusinessCalendarConfigInput,
  type HolidayProvider,
  type Instant,
  isBusinessDay,
  japanInstant,
  toJapanDateTime,
} from '@hakobu/core';
import type { RuleSet, Trigger } from './rules';

/**
 * Why a run happens (実行契機), matched against each rule set's {@link Trigger}: orders were imported,
 * a named event happened, the scheduler ticked (`since` = the previous tick, absent on the first), or
 * `all` to run every rule set whatever its trigger (a manual run, or a full dry-run).
 */
export type RunTrigger =
  | { readonly kind: 'import' }
  | { readonly kind: 'event'; readonly event: string }
  | { readonly kind: 'schedule'; readonly since?: Instant | Date }
  | { readonly kind: 'all' };

/** The business calendar for `businessDaysOnly` schedules (営業日カレンダー). */
export interface ScheduleOptions {
  /** Default: Saturday, Sunday and national holidays closed. */
  readonly calendar?: BusinessCalendarConfigInput;
  /** Where national holidays come from; default core's built-in table. */
  readonly holidays?: HolidayProvider;
}

const DEFAULT_CALENDAR: BusinessCalendarConfigInput = { name: '自動処理' };
/** How far back a business-days-only schedule looks for its last slot (a closure longer than this has none). */
const MAX_LOOKBACK_DAYS = 400;

/**
 * The latest instant at or before `now` when a scheduled trigger was due (直近の定時), in Japan time:
 * today at `at` if that has passed, else the day before; business days only when asked.
 *
 * @example
 * ```ts
 * lastScheduledAt({ kind: 'scheduled', at: '09:00', businessDaysOnly: false }, new Date('2026-11-28T01:30:00Z'));
 * // 2026-11-28T00:00:00.000Z (09:00 JST)
 * ```
 */
export function lastScheduledAt(
  trigger: Extract<Trigger, { kind: 'scheduled' }>,
  now: Date,
  options: ScheduleOptions = {},
): Date | undefined {
  const { date } = toJapanDateTime(now);
  let day = japanInstant(date, trigger.at).getTime() <= now.getTime() ? date : addDays(date, -1);
  if (!trigger.businessDaysOnly) return japanInstant(day, trigger.at);
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  for (let step = 0; step < MAX_LOOKBACK_DAYS; step += 1) {
    if (isBusinessDay(calendar, day, options.holidays === undefined ? {} : { holidays: options.holidays }))
      return japanInstant(day, trigger.at);
    day = addDays(day, -1);
  }
  return undefined;
}

/**
 * Whether a rule set runs for this trigger now (実行対象か): import and event triggers by kind and event
 * name; a schedule when its last slot falls after the previous tick `since` (or there was none) and at or
 * before `now`. Ticks missed while the host was down run once, at the next tick.
 *
 * @example
 * ```ts
 * triggers(ruleSet, { kind: 'schedule', since: '2026-11-28T08:55:00+09:00' }, new Date('2026-11-28T00:05:00Z'));
 * // true for a rule set scheduled at 09:00
 * ```
 */
export function triggers(
  ruleSet: Pick<RuleSet, 'trigger'>,
  run: RunTrigger,
  now: Date,
  options: ScheduleOptions = {},
): boolean {
  const list = Array.isArray(ruleSet.trigger) ? ruleSet.trigger : [ruleSet.trigger];
  return list.some((trigger) => matches(trigger, run, now, options));
}

function matches(trigger: Trigger, run: RunTrigger, now: Date, options: ScheduleOptions): boolean {
  switch (run.kind) {
    case 'all':
      return true;
    case 'import':
      return trigger.kind === 'onImport';
    case 'event':
      return trigger.kind === 'onEvent' && trigger.events.includes(run.event);
    case 'schedule': {
      if (trigger.kind !== 'scheduled') return false;
      const slot = lastScheduledAt(trigger, now, options);
      if (slot === undefined) return false;
      return run.since === undefined || slot.getTime() > new Date(run.since).getTime();
    }
  }
}
