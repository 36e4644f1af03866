export {
  B2_COD_LIMITS,
  B2_COLUMNS,
  B2_COOL_CODES,
  B2_SERVICE_TYPES,
  B2_TIME_SERVICE_SLOTS,
  B2_TIME_SLOTS,
  type B2Context,
  type B2Options,
  type B2ServiceType,
  writeB2Labels,
} from './b2';
