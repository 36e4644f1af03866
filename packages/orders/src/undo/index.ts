export { undoOperation } from './undo';
