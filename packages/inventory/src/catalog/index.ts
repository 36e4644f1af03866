export { type Catalog, CatalogInput, describeMallCode, indexCatalog, mallCodeKey } from './catalog';
