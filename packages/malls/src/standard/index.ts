export {
  type StandardCsvKey,
  type StandardReadOptions,
  standardOrderCsvColumns,
  standardOrderCsvFormat,
  writeStandardOrderCsv,
} from './standard';
