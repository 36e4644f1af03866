export { readCsv, readCsvRows } from './read';
export { type CsvStreamReader, type CsvStreamSource, readCsvStream } from './stream';
export type {
  CsvBatch,
  CsvNewline,
  CsvReadResult,
  CsvReadSummary,
  CsvRow,
  CsvRowsBatch,
  CsvRowsResult,
  ReadCsvOptions,
  ReadCsvRowsOptions,
} from './types';
export { CsvColumn, CsvCounts, CsvDelimiter, CsvRecord, CsvRejectedRow } from './types';
export {
  type CsvCell,
  type CsvCp932Options,
  type CsvOutputEncoding,
  type CsvWriteColumn,
  type CsvWritten,
  type WriteCsvOptions,
  type WriteCsvRecordsOptions,
  writeCsv,
} from './write';
