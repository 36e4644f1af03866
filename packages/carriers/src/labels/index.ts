export {
  type BaseContext,
  CARRIER_IDS,
  type CarrierId,
  HANDLING_NAMES,
  type LabelOptions,
  type LabelOrder,
  type LabelParty,
} from './common';
export { LABEL_SYSTEMS, type LabelSystem, type WriteLabelsOptions, writeLabels } from './write-labels';
