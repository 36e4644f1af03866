/** 支払方法 labels per `PaymentMethod` of `@hakobu/orders`. */
export const PAYMENT_METHOD_LABELS: Readonly<Record<string, string>> = {
  creditCard: 'クレジットカード',
  cod: '代金引換',
  bankTransfer: '銀行振込',
  deferred: '後払い',
  convenienceStore: 'コンビニ決済',
  rakutenPay: '楽天ペイ',
  payPay: 'PayPay',
  amazonPay: 'Amazon Pay',
  pointsOnly: 'ポイント全額',
  other: 'その他',
};

/** 入金状況 labels per `PaymentStatus` of `@hakobu/orders`. */
export const PAYMENT_STATUS_LABELS: Readonly<Record<string, string>> = {
  unpaid: '未入金',
  authorized: 'オーソリ済',
  partiallyPaid: '一部入金',
  paid: '入金済',
  refunded: '返金済',
  notRequired: '入金不要',
};

/** モール名 per channel code; other codes show as they are. */
export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  rakuten: '楽天市場',
  yahoo: 'Yahoo!ショッピング',
  amazon: 'Amazon',
  own: '自社サイト',
  phone: '電話注文',
  counter: '店舗',
};

/** お届け時間帯 labels per `TimeSlot` of `@hakobu/orders`. */
export const TIME_SLOT_LABELS: Readonly<Record<string, string>> = {
  none: '指定なし',
  am: '午前中',
  '12-14': '12時〜14時',
  '14-16': '14時〜16時',
  '16-18': '16時〜18時',
  '18-20': '18時〜20時',
  '19-21': '19時〜21時',
};
