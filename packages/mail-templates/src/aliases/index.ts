export {
  BRACKET_TAG_ALIASES,
  type BracketTagAlias,
  type ExpandedTemplate,
  expandBracketTags,
  lineColumnOf,
} from './aliases';
