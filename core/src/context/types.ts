/** What the reply answers: the case it belongs to. */
export type CaseKind = 'npc' | 'cppcc';
export type CaseRole = 'host' | 'co' | 'split';

export interface CaseContext {
  kind?: CaseKind;
  role?: CaseRole;
  /** item number as written, e.g. "128" */
  number?: string;
  /** session, e.g. "市十七届人大三次会议" */
  session?: string;
  /** proposer names (lead first) or an organisation for collective proposals */
  proposer?: string[];
  /** title of the suggestion/proposal, e.g. "关于……的建议" */
  title?: string;
  /** full text of the suggestion/proposal, when known */
  suggestion?: string;
  /** result class letter in the configured scheme: A B C D 甲 乙 丙 … */
  class?: string;
  /** YYYY-MM-DD */
  assigned?: string;
  deadline?: string;
  /** the handling unit's full name */
  unit?: string;
  /** co-handling units */
  coUnits?: string[];
  /** how and when the proposer was contacted, from a form field or contact log */
  contactLog?: string;
  /** today's date for timeliness rules, YYYY-MM-DD */
  today?: string;
}

/** Where a context value came from; used to report contradictions between sources. */
export type ContextSource = 'flag' | 'sidecar' | 'manifest' | 'form' | 'text';
