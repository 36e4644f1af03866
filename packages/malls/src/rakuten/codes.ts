/** 楽天 商品管理番号 and SKU管理番号: half-width letters, digits, `-` and `_`, at most 32 characters. */
export const RAKUTEN_CODE = /^[a-zA-Z0-9_-]{1,32}$/;

/** How {@link RAKUTEN_CODE} reads in a message. */
export const RAKUTEN_CODE_TEXT = '半角英数字・-・_ で32文字以内です';

/** 楽天 在庫数 upper limit per the inventory API table. */
export const RAKUTEN_MAX_QUANTITY = 99_999;

/** Why a listing cannot go to 楽天 as a SKU: its 商品管理番号 or SKU管理番号 breaks {@link RAKUTEN_CODE}. */
export function rakutenListingProblems(itemCode: string, skuCode: string | undefined): string[] {
  const problems: string[] = [];
  if (!RAKUTEN_CODE.test(itemCode)) problems.push(`商品管理番号は${RAKUTEN_CODE_TEXT}`);
  if (skuCode === undefined || !RAKUTEN_CODE.test(skuCode))
    problems.push('SKU管理番号がないか、半角英数字・-・_ で32文字以内ではありません');
  return problems;
}

/** Why a stock quantity cannot go to 楽天: the listing's codes, or more than {@link RAKUTEN_MAX_QUANTITY}. */
export function rakutenStockProblems(item: {
  readonly itemCode: string;
  readonly skuCode?: string | undefined;
  readonly quantity: number;
}): string[] {
  const problems = rakutenListingProblems(item.itemCode, item.skuCode);
  if (item.quantity > RAKUTEN_MAX_QUANTITY)
    problems.push(`在庫数${item.quantity}は上限${RAKUTEN_MAX_QUANTITY}を超えています`);
  return problems;
}
