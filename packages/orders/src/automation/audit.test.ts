import { fixedClock, sequenceIdGenerator } from '@hakobu/core/testing';
import { describe, expect, it } from 'vitest';
import { commitOperation, stateOf } from '../model';
import { generateOrders } from '../testing';
import { firingKey, ruleVersion } from './audit';

const clock = fixedClock('2026-11-28T01:00:00Z');

describe('ruleVersion', () => {
  it('ignores the changes automation made since the last change by anyone else', () => {
    const order = generateOrders({ seed: 1, count: 1 })[0]!;
    const ids = sequenceIdGenerator();
    const bump = (o: typeof order, actor: string) =>
      commitOperation([o], [stateOf(o)], { clock, ids, actor }, 'test', {}).orders[0]!;
    const auto1 = bump(order, 'system:automation/set/rule');
    const auto2 = bump(auto1, 'system:automation/set/other');
    expect(auto2.version).toBe(order.version + 2);
    expect(ruleVersion(auto2)).toBe(order.version);
    const staff = bump(auto2, 'staff-1');
    expect(ruleVersion(staff)).toBe(staff.version);
    expect(ruleVersion(bump(staff, 'system:automation/set/rule'))).toBe(staff.version);
  });

  it('keys a firing by rule set, rule, order and version', () => {
    expect(firingKey('intake', 'settled', 'o1', 4)).toBe('intake/settled/o1/v4');
  });
});
