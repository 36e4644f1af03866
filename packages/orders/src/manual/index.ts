export { createManualOrder, defaultCodFee, ManualOrderInput, ManualOrderLineInput } from './manual';
