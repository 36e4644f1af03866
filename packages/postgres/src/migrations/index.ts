export { type MigrateOptions, type MigrateReport, type Migration, migrate, migrations } from './migrations';
