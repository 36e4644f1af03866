export { type Analysis, type AnalysisInput, analyzeTemplate } from './check';
export { type PathNode, type PathResolution, type PathSegment, pathTree, resolvePath } from './paths';
