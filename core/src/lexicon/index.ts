export { PhraseMatcher, matcherFor, splitsPair, type PhraseHit, type HitFilter } from './matcher.js';
export { editDistance, nearest } from './distance.js';
export { readTable, parseCsv, toCsv, serialToIso, TableError, type Cell, type Sheet, type Table } from './table.js';
export {
  LIST_KINDS, LIST_LABEL, KIND_LABEL, COLUMNS, UNITS_LEXICON, ROSTER_LEXICON,
  detectList, parseSheet, parseListsJson, toIsoDate, listRows, formatListReport, applyLists, unitsOf, rosterOf, wordsOfLexicon,
  type ListKind, type WordEntry, type UnitEntry, type RosterEntry, type UserLists, type ListsConfig, type ListProblem, type ParsedList, type ValidateOptions,
} from './lists.js';
