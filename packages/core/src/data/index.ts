export { copyData } from './copy';
