import { describe, expect, it } from 'vitest';
import { isStandardMailEvent } from '../mail-events/mail-events';
import { defaultStatusFlow } from '../status';
import { presetTemplates, readyRuleSets } from './presets';
import { loadRuleSets, type RuleSetInput } from './rules';

const catalog = { flow: defaultStatusFlow, templates: [...presetTemplates, 'shipped'] };

function ruleSet(patch: Partial<RuleSetInput>): RuleSetInput {
  return {
    id: 'test',
    name: 'テスト',
    trigger: { kind: 'onImport' },
    match: 'first',
    rules: [
      {
        id: 'r1',
        name: 'ルール1',
        when: { kind: 'status', in: ['new'] },
        actions: [{ kind: 'addTag', tag: 'x' }],
      },
    ],
    ...patch,
  };
}

function codes(input: unknown): string[] {
  const loaded = loadRuleSets(input, catalog);
  return loaded.ok ? [] : loaded.issues.map((issue) => issue.code);
}

describe('loadRuleSets', () => {
  it('loads the three ready rule sets with defaults filled in', () => {
    const loaded = loadRuleSets(readyRuleSets, catalog);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(
      loaded.value.map((set) => [
        set.id,
        [set.trigger].flat().map((trigger) => trigger.kind),
        set.match,
        set.refire,
      ]),
    ).toEqual([
      ['order-intake', ['onImport', 'onEvent'], 'first', 'onChange'],
      ['shipment-request', ['scheduled'], 'first', 'never'],
      ['follow-up', ['scheduled'], 'first', 'never'],
    ]);
    expect(loaded.value[0]?.rules.every((rule) => rule.enabled)).toBe(true);
  });

  it('names only standard mail events in the ready rule sets', () => {
    const loaded = loadRuleSets(readyRuleSets, { flow: defaultStatusFlow, templates: [...presetTemplates] });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const mails = loaded.value.flatMap((set) =>
      set.rules.flatMap((rule) =>
        rule.actions.flatMap((action) => (action.kind === 'sendMail' ? [action.template] : [])),
      ),
    );
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of [...mails, ...presetTemplates]) expect(isStandardMailEvent(mail)).toBe(true);
  });

  it('reports shape errors with their path, all of them', () => {
    const loaded = loadRuleSets(
      [ruleSet({ match: 'most' as 'first', trigger: { kind: 'scheduled', at: '25:00' } })],
      catalog,
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map((issue) => issue.path?.join('.'))).toEqual(
      expect.arrayContaining(['0.trigger.at', '0.match']),
    );
    expect(loaded.issues.every((issue) => issue.code === 'orders.automation.invalid_rule')).toBe(true);
  });

  it('rejects a mail template that does not exist, naming rule and template', () => {
    const loaded = loadRuleSets(
      [
        ruleSet({
          rules: [
            {
              id: 'r1',
              name: 'サンクス',
              when: { kind: 'gift' },
              actions: [{ kind: 'sendMail', template: 'thanx' }],
            },
          ],
        }),
      ],
      catalog,
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues[0]).toMatchObject({
      code: 'orders.automation.unknown_template',
      path: [0, 'rules', 0, 'actions', 0, 'template'],
      data: { ruleId: 'r1', template: 'thanx' },
    });
    expect(loaded.issues[0]?.message).toContain('サンクス');
  });

  it('rejects unknown statuses in conditions and moves, and moves no transition can make', () => {
    expect(
      codes([
        ruleSet({
          rules: [
            {
              id: 'a',
              name: 'A',
              when: { kind: 'status', in: ['nouveau'] },
              actions: [{ kind: 'addTag', tag: 'x' }],
            },
            {
              id: 'b',
              name: 'B',
              when: { kind: 'status', in: ['new'] },
              actions: [{ kind: 'moveStatus', to: 'lost' }],
            },
            {
              id: 'c',
              name: 'C',
              when: { kind: 'status', in: ['new'] },
              actions: [{ kind: 'moveStatus', to: 'completed' }],
            },
          ],
        }),
      ]),
    ).toEqual([
      'orders.automation.unknown_status',
      'orders.automation.unknown_status',
      'orders.automation.no_transition',
    ]);
  });

  it('rejects a cycle of status moves across rule sets', () => {
    const forward = ruleSet({
      id: 'forward',
      rules: [
        {
          id: 'f',
          name: '前へ',
          when: { kind: 'status', in: ['new'] },
          actions: [{ kind: 'moveStatus', to: 'onHold' }],
        },
      ],
    });
    const back = ruleSet({
      id: 'back',
      rules: [
        {
          id: 'b',
          name: '戻す',
          when: { kind: 'status', in: ['onHold'] },
          actions: [{ kind: 'moveStatus', to: 'new' }],
        },
      ],
    });
    const loaded = loadRuleSets([forward, back], catalog);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues).toHaveLength(1);
    expect(loaded.issues[0]).toMatchObject({
      code: 'orders.automation.status_cycle',
      data: { cycle: ['new', 'onHold', 'new'] },
    });
    expect(loadRuleSets([forward], catalog).ok).toBe(true);
  });

  it('rejects conflicting actions in one rule', () => {
    expect(
      codes([
        ruleSet({
          rules: [
            {
              id: 'r',
              name: 'R',
              when: { kind: 'status', in: ['new'] },
              actions: [
                { kind: 'addTag', tag: '要確認' },
                { kind: 'removeTag', tag: '要確認' },
                { kind: 'hold', message: '確認' },
                { kind: 'moveStatus', to: 'awaitingShipment' },
              ],
            },
          ],
        }),
      ]),
    ).toEqual(['orders.automation.conflicting_actions', 'orders.automation.conflicting_actions']);
  });

  it('rejects conflicts between rules of an all-match set that can hit the same order', () => {
    const rules: RuleSetInput['rules'] = [
      {
        id: 'a',
        name: 'ヤマト',
        when: { kind: 'gift' },
        actions: [{ kind: 'setShipping', carrier: 'yamato' }],
      },
      {
        id: 'b',
        name: '佐川',
        when: { kind: 'paymentMethod', in: ['cod'] },
        actions: [{ kind: 'setShipping', carrier: 'sagawa' }],
      },
    ];
    expect(codes([ruleSet({ match: 'all', rules })])).toEqual(['orders.automation.conflicting_actions']);
    // first-match never fires both; all-match rules on disjoint statuses cannot meet either
    expect(codes([ruleSet({ match: 'first', rules })])).toEqual([]);
    const disjoint = rules.map((rule, index) => ({
      ...rule,
      when: {
        kind: 'all' as const,
        of: [rule.when, { kind: 'status' as const, in: [index === 0 ? 'new' : 'onHold'] }],
      },
    }));
    expect(codes([ruleSet({ match: 'all', rules: disjoint })])).toEqual([]);
  });

  it('rejects duplicate rule and rule set ids', () => {
    const rule = {
      id: 'same',
      name: 'R',
      when: { kind: 'gift' as const },
      actions: [{ kind: 'addTag' as const, tag: 'g' }],
    };
    expect(codes([ruleSet({ rules: [rule, rule] }), ruleSet({})])).toEqual([
      'orders.automation.duplicate_rule',
      'orders.automation.duplicate_rule_set',
    ]);
  });
});
