/** Logical fields of a reply page (system-ui.md §5.1). */
export type FieldKey =
  | 'caseNo' | 'caseTitle' | 'caseContent' | 'caseKind' | 'proposer' | 'coProposers' | 'hostUnit' | 'coUnits' | 'handlingRole'
  | 'replyClass' | 'publicity' | 'publicityReason' | 'replyBody' | 'replySummary' | 'replyLetterUpload'
  | 'attachments' | 'commMethod' | 'commTime' | 'commPerson' | 'contactName' | 'contactPhone' | 'signer'
  | 'replyDate' | 'docNumber' | 'coHandlingOpinion' | 'returnReason' | 'submitButton' | 'saveButton';

export type EditorKind =
  | 'ueditor' | 'umeditor' | 'kindeditor' | 'ckeditor4' | 'ckeditor5' | 'tinymce' | 'wangeditor' | 'wangeditor5'
  | 'layedit' | 'quill' | 'iframe' | 'contenteditable' | 'textarea';

/** A place where the reply text lives and can be read (and, through the editor's own input path, fixed). */
export interface EditableTarget {
  kind: EditorKind;
  /** textarea, or the editable root (iframe body / contenteditable div) */
  editable: HTMLElement;
  /** document that owns `editable` (the iframe's document for iframe editors) */
  doc: Document;
  /** the iframe element in the outer document, for iframe editors */
  frame?: HTMLIFrameElement;
  /** outermost element of the editor in the outer document (for labels, structure and positioning) */
  container: HTMLElement;
  /** original hidden field / holder (textarea or <script type=text/plain>), if any */
  original?: Element | null;
}

export type Source = 'site' | 'editor' | 'label' | 'attr' | 'structure';

export interface Found<T = Element> {
  key: FieldKey;
  element: T;
  confidence: number;
  source: Source;
  /** the label text that matched, normalised */
  label?: string;
}

export interface FoundBody extends Found<HTMLElement> {
  target: EditableTarget;
}

export interface FoundFields {
  /** the reply body (or the co-handling opinion for co-handling units), when confident */
  body: FoundBody | null;
  /** every body candidate with its score, best first (for debugging and the options page) */
  bodyCandidates: FoundBody[];
  /** editable controls other than the body: class select, contact inputs, upload … */
  controls: Partial<Record<FieldKey, Found>>;
  /** read-only header values (case number, title, proposer, role …) */
  values: Partial<Record<FieldKey, { text: string; label: string; element: Element }>>;
  /** submit-like buttons of the reply form */
  submitButtons: HTMLElement[];
  /** the page talks about 建议/提案 and 答复/办理/复文 */
  replyContext: boolean;
}

export interface SiteOverrides {
  [key: string]: { selector?: string; label?: string; text?: string } | undefined;
}

export interface FinderOptions {
  /** per-site configuration (highest priority) */
  site?: SiteOverrides;
  /** how to get the document of a same-origin iframe; defaults to iframe.contentDocument */
  frameDocument?: (frame: HTMLIFrameElement) => Document | null;
  /** visibility test; defaults to a layout-based test in browsers, an attribute/inline-style test elsewhere */
  isVisible?: (el: Element) => boolean;
  /** minimum confidence to report a body (default 0.6) */
  threshold?: number;
  /** elements to ignore (our own UI hosts) */
  ignore?: (el: Element) => boolean;
}
