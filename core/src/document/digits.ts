import type { ReplyDocument } from './types.js';

/**
 * Full-width digits (０-９, common in WPS and IME input) are read as the ASCII digits they stand
 * for. Rather than teach every pattern of every rule the full-width class (one missed `\d` is a
 * wrong finding), role detection and the rules analyse a copy with the digits made ASCII. The
 * copy is length-preserving (one UTF-16 unit for one), so every offset found in it is an offset
 * in the text as written: excerpts, fixes and .docx run offsets stay valid, and what the user
 * sees is their own text.
 */
const FULLWIDTH_DIGIT = /[０-９]/g;

const HAS_FULLWIDTH_DIGIT = /[０-９]/;

/** (the string itself when it has none: replace() with no match still copied every line, 18 MB for a 20 MB file) */
export const asciiDigits = (s: string) => (HAS_FULLWIDTH_DIGIT.test(s) ? s.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)) : s);

const analysedCopies = new WeakMap<ReplyDocument, ReplyDocument>();

/**
 * The document the rules see: the document itself when it has no full-width digit, else its copy
 * with ASCII digits in every text, carrying the text as written in `original` (excerpts and the
 * fullwidth-digits rule read it). One copy per document, so the per-document caches and the
 * per-paragraph memos (keyed by the analysed paragraph text, all a memoised rule reads) hold.
 */
export function analysedDocument(doc: ReplyDocument): ReplyDocument {
  if (doc.original !== undefined || !/[０-９]/.test(doc.text)) return doc;
  let copy = analysedCopies.get(doc);
  if (!copy) {
    copy = {
      ...doc,
      text: asciiDigits(doc.text),
      original: doc.text,
      paragraphs: doc.paragraphs.map((p) => ({ ...p, text: asciiDigits(p.text) })),
      sentences: doc.sentences.map((s) => ({ ...s, text: asciiDigits(s.text) })),
    };
    analysedCopies.set(doc, copy);
  }
  return copy;
}
