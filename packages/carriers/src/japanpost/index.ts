export {
  CLICKPOST_COLUMNS,
  CLICKPOST_MAX_ROWS,
  type ClickPostContext,
  type ClickPostOptions,
  writeClickPostLabels,
} from './clickpost';
export {
  writeYupriLabels,
  YUPRI_COLUMNS,
  YUPRI_COOL_CODES,
  YUPRI_MAIL_TYPES,
  YUPRI_TIME_SLOTS,
  type YupriContext,
  type YupriOptions,
} from './yupri';
