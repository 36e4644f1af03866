import type { StandardMailEvent } from '../mail-events/mail-events';
import type { ConditionInput } from './conditions';
import type { RuleSetInput } from './rules';

/** Mail template keys the ready rule sets use, from `STANDARD_MAIL_EVENTS` (注文確認, フォロー). */
export const presetTemplates = [
  'orderConfirmation',
  'followUp',
] as const satisfies readonly StandardMailEvent[];

/** Tag the shipment-request preset adds once the warehouse accepted the request (出荷依頼済). */
export const SHIPMENT_REQUESTED_TAG = '出荷依頼済';

const settled: ConditionInput = { kind: 'paymentStatus', in: ['paid', 'authorized', 'notRequired'] };
/** Neither held (確認待ち) nor blacklisted: staff released every hold and dismissed every blacklist alert. */
const clear: ConditionInput = {
  kind: 'not',
  condition: { kind: 'any', of: [{ kind: 'held' }, { kind: 'blacklisted' }] },
};

/**
 * Ready rule set 1 — 受注取込時の自動処理 (on import, first match): an order with a blacklist or address
 * alert, or with customer remarks, is held for confirmation with a message (once: when staff release the
 * hold, the order goes on); a settled order with no hold and no blacklist alert gets the 注文確認 mail and
 * moves to 発送待ち; an unpaid one gets the mail and moves to 入金待ち. It runs on import and on the host's
 * `order.updated` event (after staff edit or release an order). Copy and edit it.
 */
export const orderIntakeRuleSet: RuleSetInput = {
  id: 'order-intake',
  name: '受注取込時の自動処理',
  trigger: [{ kind: 'onImport' }, { kind: 'onEvent', events: ['order.updated'] }],
  match: 'first',
  refire: 'onChange',
  rules: [
    {
      id: 'hold-alerts',
      name: '要注意顧客・住所アラートは確認待ち',
      refire: 'never',
      when: {
        kind: 'all',
        of: [
          { kind: 'status', in: ['new'] },
          {
            kind: 'any',
            of: [
              { kind: 'blacklisted' },
              { kind: 'addressAlert', kinds: ['postalMismatch', 'remoteIsland'] },
            ],
          },
        ],
      },
      actions: [
        { kind: 'hold', message: 'ブラックリストまたは住所アラートがあります。内容を確認してください' },
        { kind: 'addTag', tag: '要確認' },
      ],
    },
    {
      id: 'hold-remarks',
      name: '備考ありは確認待ち',
      refire: 'never',
      when: {
        kind: 'all',
        of: [
          { kind: 'status', in: ['new'] },
          { kind: 'remarks', present: true },
        ],
      },
      actions: [{ kind: 'hold', message: 'お客様備考があります。内容を確認してください' }],
    },
    {
      id: 'settled',
      name: '決済済みはサンクスメールを送って発送待ちへ',
      when: { kind: 'all', of: [{ kind: 'status', in: ['new'] }, settled, clear] },
      actions: [
        { kind: 'sendMail', template: 'orderConfirmation' },
        { kind: 'moveStatus', to: 'awaitingShipment' },
      ],
    },
    {
      id: 'unpaid',
      name: '未入金はサンクスメールを送って入金待ちへ',
      when: {
        kind: 'all',
        of: [{ kind: 'status', in: ['new'] }, { kind: 'paymentStatus', in: ['unpaid'] }, clear],
      },
      actions: [
        { kind: 'sendMail', template: 'orderConfirmation' },
        { kind: 'moveStatus', to: 'awaitingPayment' },
      ],
    },
  ],
};

/**
 * Ready rule set 2 — 出荷日の出荷依頼 (every business day at 10:00 Japan time, once per order): orders in
 * 発送待ち whose planned ship date (出荷予定日) is today or earlier are sent to the warehouse and tagged
 * 出荷依頼済.
 */
export const shipmentRequestRuleSet: RuleSetInput = {
  id: 'shipment-request',
  name: '出荷日の出荷依頼',
  trigger: { kind: 'scheduled', at: '10:00', businessDaysOnly: true },
  match: 'first',
  refire: 'never',
  rules: [
    {
      id: 'request-due',
      name: '出荷予定日になった発送待ちを倉庫へ出荷依頼',
      when: {
        kind: 'all',
        of: [
          { kind: 'status', in: ['awaitingShipment'] },
          { kind: 'plannedShipDate', to: { daysFromToday: 0 } },
          { kind: 'not', condition: { kind: 'tag', anyOf: [SHIPMENT_REQUESTED_TAG] } },
        ],
      },
      actions: [{ kind: 'requestShipment' }, { kind: 'addTag', tag: SHIPMENT_REQUESTED_TAG }],
    },
  ],
};

/**
 * Ready rule set 3 — 発送7日後のフォローメール (every day at 11:00 Japan time, once per order): orders
 * whose every slip shipped at least 7 days ago and that have not had the フォロー mail get it. Change
 * `atLeast` for another N.
 */
export const followUpRuleSet: RuleSetInput = {
  id: 'follow-up',
  name: '発送後フォローメール',
  trigger: { kind: 'scheduled', at: '11:00', businessDaysOnly: false },
  match: 'first',
  refire: 'never',
  rules: [
    {
      id: 'follow-up-7d',
      name: '発送7日後にフォローメール',
      when: {
        kind: 'all',
        of: [
          { kind: 'status', in: ['shipped', 'completed'] },
          { kind: 'shippedDaysAgo', atLeast: 7 },
          { kind: 'not', condition: { kind: 'mailSent', template: 'followUp' } },
        ],
      },
      actions: [{ kind: 'sendMail', template: 'followUp' }],
    },
  ],
};

/** The three ready rule sets, in the order a shop would list them (そのまま使えるルールセット). */
export const readyRuleSets: readonly RuleSetInput[] = [
  orderIntakeRuleSet,
  shipmentRequestRuleSet,
  followUpRuleSet,
];
