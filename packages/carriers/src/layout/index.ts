export { type FittedLines, fitLines, type LimitUnit, widen } from './fit';
export { cleanItemName, ItemNameRules, type ItemNameRulesInput } from './item-name';
export {
  type ColumnKind,
  type ColumnSpec,
  type LabelBatch,
  type LabelFile,
  type LabelRow,
  type RejectedShipment,
  type RenderedRow,
  type RenderOptions,
  type RowSubject,
  renderRow,
} from './spec';
