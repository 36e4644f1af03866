export {
  type AllocateRequest,
  type AllocationContext,
  allocate,
  type BatchRequest,
  type CommitRequest,
  commit,
  DemandLine,
  planReservations,
  type ReallocateRequest,
  type ReleaseRequest,
  reallocate,
  release,
} from './allocation';
