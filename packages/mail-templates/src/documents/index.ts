export {
  type DocumentBranding,
  type DocumentOptions,
  type Parcel,
  type RenderedDocument,
  renderDeliveryNotes,
  renderPickingList,
  renderShippingInstructions,
} from './documents';
