export {
  createStreamDecoder,
  type DecodedText,
  type DetectedEncoding,
  decodeText,
  detectEncoding,
  type StreamDecoder,
} from './decode';
export {
  type Cp932Encoded,
  cp932ByteLength,
  type EncodeCp932Options,
  encodeCp932,
  prepareCp932,
  type TextEncoding,
} from './encode';
export { cp932PreMap } from './premap';
export { defaultCp932Substitutions } from './substitutions';
