export {
  EHIDEN2_COLUMNS,
  EHIDEN3_COLUMNS,
  SAGAWA_COOL_CODES,
  SAGAWA_SEALS,
  SAGAWA_TIME_SLOTS,
  type SagawaContext,
  type SagawaOptions,
  SagawaSealKind,
  writeEhiden2Labels,
  writeEhiden3Labels,
} from './ehiden';
