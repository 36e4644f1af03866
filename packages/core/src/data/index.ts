export { byCodeUnit, canonicalJson } from './canonical';
export { copyData } from './copy';
