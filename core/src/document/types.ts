/** The document model every rule sees, whatever the input format was. */

export type ParagraphRole =
  | 'docNumber' | 'classMark' | 'signer' | 'publicity' | 'title' | 'salutation' | 'opening'
  | 'heading1' | 'heading2' | 'heading3' | 'heading4' | 'body' | 'closing' | 'signoff' | 'date'
  | 'contact' | 'cc' | 'attachment' | 'blank'
  /** apparatus that is none of the named parts: 分管领导：…, 承办负责人：… */
  | 'other';

/** Ordinal at the start of a paragraph: 一、 （一） 1. （1） 一是 第一， */
export interface Ordinal {
  /** the literal prefix as written, including its punctuation, e.g. "（一）" or "1、" */
  text: string;
  /** hierarchy level per GB/T 9704: 1 一、 2 （一） 3 1. 4 （1）; 0 for inline forms (一是, 第一，首先) */
  level: 0 | 1 | 2 | 3 | 4;
  /** the number it stands for (一 → 1) */
  value: number;
  /** style key: 'cn-dun' 一、 | 'cn-paren' （一） | 'ar-dot' 1. | 'ar-paren' （1） | 'cn-shi' 一是 | 'cn-di' 第一 | other malformed styles */
  style: string;
  /** true when the punctuation deviates from the standard form of its level (一. 1、 (一)、 …) */
  malformed: boolean;
  /** came from Word auto-numbering rather than typed text */
  auto?: boolean;
}

/** Effective formatting of a run, resolved through docDefaults → styles → direct formatting. */
export interface RunFacts {
  start: number; // offset in the paragraph text
  end: number;
  eastAsiaFont?: string | null; // null = could not be resolved
  latinFont?: string | null;
  sizePt?: number | null;
  bold?: boolean | null;
  color?: string | null;
}

export interface ParagraphFacts {
  styleId?: string | null;
  styleName?: string | null;
  align?: string | null; // left | center | right | both | distribute
  firstLineChars?: number | null; // in characters (firstLineChars/100)
  firstLineTwips?: number | null;
  leftIndentChars?: number | null; // in characters (leftChars/100), when they govern
  leftIndentTwips?: number | null;
  /** lines snap to the section's document grid (w:snapToGrid, on by default) */
  snapToGrid?: boolean;
  lineSpacingPt?: number | null;
  lineRule?: 'exact' | 'atLeast' | 'auto' | null;
  lineMultiple?: number | null; // for lineRule auto
  spaceBeforePt?: number | null;
  spaceAfterPt?: number | null;
  runs?: RunFacts[];
  section?: number; // index into ReplyDocument.sections
}

export interface SectionFacts {
  pageWidthMm: number | null;
  pageHeightMm: number | null;
  marginTopMm: number | null;
  marginBottomMm: number | null;
  marginLeftMm: number | null;
  marginRightMm: number | null;
  footerHasPageNumber: boolean | null;
  /** line pitch of the document grid in pt, when the section has a line grid (文档网格) */
  gridLinePitchPt?: number;
  headerText?: string;
  footerText?: string;
}

export interface Paragraph {
  index: number; // 0-based
  /** 1-based line: the text line for .txt, the paragraph number for .docx */
  line: number;
  text: string;
  /** offset of text[0] in ReplyDocument.text (UTF-16 units) */
  offset: number;
  role: ParagraphRole;
  ordinal?: Ordinal;
  /** where the paragraph lives in a .docx */
  where?: 'body' | 'table' | 'textbox' | 'header' | 'footer' | 'footnote';
  facts?: ParagraphFacts;
}

export interface Sentence {
  paragraph: number;
  start: number; // offset in ReplyDocument.text
  end: number;
  text: string;
}

export type SourceFormat = 'txt' | 'docx' | 'md' | 'stdin' | 'dom' | 'pdf';

export interface ReplyDocument {
  /** paragraphs joined by "\n" */
  text: string;
  /**
   * Only on the copy the rules analyse (analysedDocument): the text as written, when it had
   * full-width digits that `text` has as ASCII. Same length, so offsets hold in both.
   */
  original?: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  source: { format: SourceFormat; encoding?: string; name?: string };
  sections?: SectionFacts[];
  /** notes from the processor (e.g. detected encoding with replacement characters) */
  notes?: string[];
}
