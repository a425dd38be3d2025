export { extractAsks, askHead, type Ask, type SuggestionParts } from './asks.js';
export { termVector, wordWeight, normalize, type TermVector, type Token } from './terms.js';
export {
  analyseCoverage, coverageFor, coverageOf, detectStance,
  type Coverage, type AskCoverage, type CoverageStatus, type CoverageOptions, type Stance, type StanceKind,
} from './coverage.js';
