export { type ExportCell, ExportField, type ExportTable, ExportTemplate, exportTable } from './export';
