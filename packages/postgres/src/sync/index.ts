export {
  createPostgresSyncStateStore,
  type PostgresSyncStateOptions,
  type SyncStateStore,
} from './sync-state';
