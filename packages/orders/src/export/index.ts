export {
  type ExportCell,
  ExportColumn,
  type ExportCsvOptions,
  ExportEncoding,
  type ExportedCsv,
  ExportField,
  type ExportTable,
  ExportTemplate,
  exportCsv,
  exportTable,
} from './export';
