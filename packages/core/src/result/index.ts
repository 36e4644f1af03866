export { HakobuError } from './error';
export { createIssue, hasErrors, Issue, type IssueDetails, IssuePath, IssueSeverity } from './issue';
export { type Failure, fail, type Ok, ok, type Result } from './result';
