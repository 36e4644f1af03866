export { Channel, Listing, MallCode } from './listing';
export { Product, SetComponent, Sku, TemperatureZone } from './product';
export { LocationId, Movement, MovementKind, Reservation, StockLevel } from './stock';
