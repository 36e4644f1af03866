export {
  type CustomerRank,
  customerRank,
  type Purchase,
  RankConfig,
  type RankConfigInput,
  RankThreshold,
  rankCustomers,
} from './rank';
