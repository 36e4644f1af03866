export { sellableStock, setQuantity } from './availability';
export { PushedState, planSync, type SyncInput, SyncItem, SyncMode, type SyncPlan, SyncUpload } from './plan';
export { ShareMode } from './share';
