export {
  createRemoteIslandList,
  defaultRemoteIslands,
  REMOTE_ISLANDS_DATE,
  type RemoteIslandEntry,
  type RemoteIslandList,
} from './islands';
