import { asciiDigits } from './digits.js';
import { assignRoles } from './roles.js';
import { splitSentencesMany } from './segment.js';
import type { ParagraphFacts, ReplyDocument, SectionFacts, SourceFormat } from './types.js';

export interface ParagraphInput {
  text: string;
  where?: 'body' | 'table' | 'textbox' | 'header' | 'footer' | 'footnote';
  facts?: ParagraphFacts;
  autoLabel?: string;
}

/** Builds the document model from paragraphs in reading order. Header/footer paragraphs are kept out of the text. */
export function buildDocument(
  input: Array<string | ParagraphInput>,
  source: ReplyDocument['source'] & { format: SourceFormat },
  extra: { sections?: SectionFacts[]; notes?: string[]; /** the paragraphs joined by LF, when the caller has that string already */ text?: string } = {},
): ReplyDocument {
  const paras = input.map((p) => (typeof p === 'string' ? { text: p } : p)).filter((p) => p.where !== 'header' && p.where !== 'footer');
  const texts = paras.map((p) => p.text);
  // roles and sentences are found in the text with ASCII digits, as the rules read it (digits.ts)
  const ascii = texts.map(asciiDigits);
  // role detection looks at body text only; table cells keep role 'body'
  const roles = assignRoles(ascii.map((t, i) => (paras[i].where === 'table' || paras[i].where === 'textbox' ? '' : t)));
  let offset = 0;
  const paragraphs = paras.map((p, index) => {
    const r = roles[index];
    const role = p.where === 'table' || p.where === 'textbox' ? (p.text.trim() ? 'body' : 'blank') : r.role;
    const para = { index, line: index + 1, text: p.text, offset, role, ...(r.ordinal && role === r.role ? { ordinal: p.autoLabel ? { ...r.ordinal, auto: true } : r.ordinal } : {}), ...(p.where ? { where: p.where } : {}), ...(p.facts ? { facts: p.facts } : {}) };
    offset += p.text.length + 1;
    return para;
  });
  const sentences = splitSentencesMany(paragraphs.filter((p) => p.role !== 'blank'), (p) => ascii[p.index]);
  // the document keeps the text as written
  for (const [i, s] of sentences.entries()) {
    const p = paragraphs[s.paragraph];
    if (ascii[p.index] !== p.text) sentences[i] = { ...s, text: p.text.slice(s.start - p.offset, s.end - p.offset) };
  }
  return {
    text: extra.text !== undefined && paras.length === input.length ? extra.text : texts.join('\n'),
    paragraphs,
    sentences,
    source,
    ...(extra.sections ? { sections: extra.sections } : {}),
    ...(extra.notes?.length ? { notes: extra.notes } : {}),
  };
}
