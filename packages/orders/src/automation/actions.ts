import { z } from 'zod';
import { TimeSlot } from '../model';
import { SplitPolicy } from '../split';

/** The tag {@link Action} `markBundleCandidate` adds by default (同梱候補). */
export const BUNDLE_CANDIDATE_TAG = '同梱候補';

/**
 * What a rule does (処理): move status, hold for confirmation with a message, add or remove a tag, send a
 * mail by template key, set carrier / service / time slot on open slips, split slips by temperature or
 * requested date, request shipment from the warehouse, or mark as 同梱 candidate. Mail and warehouse go
 * through ports; the rest changes the order.
 */
export const Action = z.discriminatedUnion('kind', [
  /** ステータス移動: runs the flow's transition from the current status to `to`, guards included. */
  z.object({ kind: z.literal('moveStatus'), to: z.string().min(1) }),
  /** 確認待ち: adds a hold with the message (the `confirm` guards then stop the order). */
  z.object({ kind: z.literal('hold'), message: z.string().min(1) }),
  /** タグ付与 */
  z.object({ kind: z.literal('addTag'), tag: z.string().min(1) }),
  /** タグ削除 */
  z.object({ kind: z.literal('removeTag'), tag: z.string().min(1) }),
  /**
   * メール送信 through the mail port: `template` is the mail event key (e.g. `followUp`), recorded on
   * `axes.mailsSent` once sent; the host picks the template for it.
   */
  z.object({ kind: z.literal('sendMail'), template: z.string().min(1) }),
  /** 配送方法設定 on every open slip. */
  z.object({
    kind: z.literal('setShipping'),
    carrier: z.string().min(1).optional(),
    service: z.string().min(1).optional(),
    timeSlot: TimeSlot.optional(),
  }),
  /** 伝票分割 by temperature zone or requested date, with the run's split policy unless given. */
  z.object({
    kind: z.literal('split'),
    by: z.enum(['temperature', 'requestedDate']),
    policy: SplitPolicy.optional(),
  }),
  /** 出荷依頼 of the open slips to the warehouse, through the warehouse port. */
  z.object({ kind: z.literal('requestShipment') }),
  /** 同梱候補 mark (a tag), for staff or `findBundleCandidates`. */
  z.object({ kind: z.literal('markBundleCandidate'), tag: z.string().min(1).default(BUNDLE_CANDIDATE_TAG) }),
]);
/** @see {@link Action} */
export type Action = z.infer<typeof Action>;
/** Input form of {@link Action}. */
export type ActionInput = z.input<typeof Action>;

/**
 * Why two actions cannot both run on one order in one run (処理の競合), or `undefined` when they can:
 * two status moves to different statuses, a hold with a status move or a shipment request, adding and
 * removing the same tag, different values for one shipping field, two different splits.
 *
 * @example
 * ```ts
 * actionConflict({ kind: 'addTag', tag: '要確認' }, { kind: 'removeTag', tag: '要確認' });
 * // 'タグ「要確認」の付与と削除'
 * ```
 */
export function actionConflict(a: Action, b: Action): string | undefined {
  return conflictOneWay(a, b) ?? conflictOneWay(b, a);
}

function conflictOneWay(a: Action, b: Action): string | undefined {
  if (a.kind === 'moveStatus' && b.kind === 'moveStatus' && a.to !== b.to) {
    return `ステータス「${a.to}」と「${b.to}」への移動`;
  }
  if (a.kind === 'hold' && b.kind === 'moveStatus') return `確認待ちとステータス「${b.to}」への移動`;
  if (a.kind === 'hold' && b.kind === 'requestShipment') return '確認待ちと出荷依頼';
  if (a.kind === 'addTag' && b.kind === 'removeTag' && a.tag === b.tag) return `タグ「${a.tag}」の付与と削除`;
  if (a.kind === 'setShipping' && b.kind === 'setShipping') {
    for (const field of ['carrier', 'service', 'timeSlot'] as const) {
      const left = a[field];
      const right = b[field];
      if (left !== undefined && right !== undefined && left !== right) {
        return `配送設定${field}の「${left}」と「${right}」`;
      }
    }
  }
  if (a.kind === 'split' && b.kind === 'split' && a.by !== b.by) return '温度帯とお届け日の二通りの伝票分割';
  return undefined;
}

/**
 * Whether an action goes through a port (メール・倉庫) rather than changing the order itself.
 *
 * @example
 * ```ts
 * isExternalAction({ kind: 'sendMail', template: 'orderConfirmation' }); // true
 * ```
 */
export function isExternalAction(
  action: Action,
): action is Extract<Action, { kind: 'sendMail' | 'requestShipment' }> {
  return action.kind === 'sendMail' || action.kind === 'requestShipment';
}
