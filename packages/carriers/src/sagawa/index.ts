export {
  EHIDEN2_COLUMNS,
  EHIDEN3_COLUMNS,
  SAGAWA_COOL_CODES,
  SAGAWA_TIME_SLOTS,
  type SagawaContext,
  type SagawaOptions,
  writeEhiden2Labels,
  writeEhiden3Labels,
} from './ehiden';
