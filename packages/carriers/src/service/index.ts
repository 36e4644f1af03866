export {
  DEFAULT_SERVICE_ALIASES,
  FreightPayer,
  type ResolvedService,
  resolveService,
  ServiceKind,
} from './service';
