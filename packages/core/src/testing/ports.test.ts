import { describe, expect, it } from 'vitest';
import { randomIdGenerator, systemClock } from '../ports';
import { fixedClock, steppingClock } from './clock';
import { registerConformance } from './conformance';
import { sequenceIdGenerator } from './ids';

describe('clocks', () => {
  it('fixedClock answers the same instant and hands out copies', () => {
    const clock = fixedClock('2026-11-28T10:00:00+09:00');
    const first = clock.now();
    first.setTime(0);
    expect(clock.now().toISOString()).toBe('2026-11-28T01:00:00.000Z');
  });

  it('steppingClock advances after each reading', () => {
    const clock = steppingClock('2026-11-28T00:00:00Z', 500);
    expect([clock.now(), clock.now()].map((d) => d.toISOString())).toEqual([
      '2026-11-28T00:00:00.000Z',
      '2026-11-28T00:00:00.500Z',
    ]);
  });

  it('systemClock returns a valid instant', () => {
    expect(Number.isFinite(systemClock.now().getTime())).toBe(true);
  });
});

describe('id generators', () => {
  it('sequenceIdGenerator counts per kind', () => {
    const ids = sequenceIdGenerator(3);
    expect([ids.newId('order'), ids.newId('order'), ids.newId('event')]).toEqual([
      'order_001',
      'order_002',
      'event_001',
    ]);
  });

  it('randomIdGenerator gives distinct prefixed ids', () => {
    const a = randomIdGenerator.newId('order');
    expect(a).toMatch(/^order_[0-9a-f-]{36}$/);
    expect(randomIdGenerator.newId('order')).not.toBe(a);
  });
});

describe('registerConformance', () => {
  it('registers one describe with one it per check, each running its check', async () => {
    const ran: string[] = [];
    const registered: Array<{ suite: string; tests: Array<[string, () => Promise<void>]> }> = [];
    registerConformance(
      'my adapter',
      ['a', 'b'].map((name) => ({ name, run: async () => void ran.push(name) })),
      {
        describe: (suite, body) => {
          registered.push({ suite, tests: [] });
          body();
        },
        it: (name, body) => registered.at(-1)?.tests.push([name, body]),
      },
    );
    expect(registered.map((r) => [r.suite, r.tests.map(([name]) => name)])).toEqual([
      ['my adapter', ['a', 'b']],
    ]);
    for (const [, body] of registered[0]?.tests ?? []) await body();
    expect(ran).toEqual(['a', 'b']);
  });
});
