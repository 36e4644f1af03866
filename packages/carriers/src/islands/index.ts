export {
  createRemoteIslandList,
  defaultRemoteIslands,
  type RemoteIslandEntry,
  type RemoteIslandList,
} from './islands';
export { REMOTE_ISLANDS_DATE } from './remote-islands.generated';
