import { describe, expect, it } from 'vitest';
import type { RuleSet } from './rules';
import { lastScheduledAt, triggers } from './schedule';

const nine = { kind: 'scheduled', at: '09:00', businessDaysOnly: false } as const;

describe('lastScheduledAt', () => {
  it('is today at the Japan-time clock time once passed, else yesterday, whatever the UTC date', () => {
    // 2026-11-28 08:59 JST = 2026-11-27 23:59 UTC
    expect(lastScheduledAt(nine, new Date('2026-11-27T23:59:00Z'))?.toISOString()).toBe(
      '2026-11-27T00:00:00.000Z',
    );
    expect(lastScheduledAt(nine, new Date('2026-11-28T00:00:00Z'))?.toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
  });

  it('skips weekends and national holidays for business-day schedules', () => {
    const businessNine = { ...nine, businessDaysOnly: true };
    // Monday 2026-11-23 is 勤労感謝の日: the last slot is Friday 2026-11-20
    expect(lastScheduledAt(businessNine, new Date('2026-11-23T05:00:00Z'))?.toISOString()).toBe(
      '2026-11-20T00:00:00.000Z',
    );
    // a shop open on Saturdays
    const calendar = { name: '土曜営業', closedWeekdays: [0] };
    expect(lastScheduledAt(businessNine, new Date('2026-11-28T05:00:00Z'), { calendar })?.toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
  });
});

describe('triggers', () => {
  const scheduled = { trigger: nine };
  const now = new Date('2026-11-28T00:30:00Z'); // 09:30 JST

  it('runs a schedule once per slot: when the slot falls after the previous tick', () => {
    expect(triggers(scheduled, { kind: 'schedule', since: '2026-11-28T08:45:00+09:00' }, now)).toBe(true);
    expect(triggers(scheduled, { kind: 'schedule', since: '2026-11-28T09:15:00+09:00' }, now)).toBe(false);
    expect(triggers(scheduled, { kind: 'schedule' }, now)).toBe(true);
    // a tick missed for two days runs once
    expect(triggers(scheduled, { kind: 'schedule', since: new Date('2026-11-25T00:00:00Z') }, now)).toBe(
      true,
    );
  });

  it('matches import and event triggers by kind and name; `all` runs everything', () => {
    expect(triggers({ trigger: { kind: 'onImport' } }, { kind: 'import' }, now)).toBe(true);
    expect(triggers({ trigger: { kind: 'onImport' } }, { kind: 'schedule' }, now)).toBe(false);
    const onPaid: Pick<RuleSet, 'trigger'> = { trigger: { kind: 'onEvent', events: ['payment.confirmed'] } };
    expect(triggers(onPaid, { kind: 'event', event: 'payment.confirmed' }, now)).toBe(true);
    expect(triggers(onPaid, { kind: 'event', event: 'tracking.applied' }, now)).toBe(false);
    expect(triggers(scheduled, { kind: 'all' }, now)).toBe(true);
  });
});
