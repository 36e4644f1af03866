export {
  type EccubeCsvKey,
  type EccubeReadOptions,
  eccubeOrderCsvColumns,
  eccubeOrderCsvFormat,
  eccubeStatusMap,
} from './eccube';
