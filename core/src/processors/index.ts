import { buildDocument } from '../document/build.js';
import type { ReplyDocument } from '../document/types.js';
import { readDocx } from './docx.js';
import { InputError } from './errors.js';
import { defaultLimits, sniff, type OpenLimits } from './guard.js';
import { markdownParagraphs } from './markdown.js';
import { readPdf } from './pdf.js';
import { assertReadableText, decodeText } from './text.js';

export type InputFormat = 'txt' | 'docx' | 'md' | 'dom' | 'pdf';

export interface DraftInput {
  /** raw bytes of a file, or */
  bytes?: Uint8Array;
  /** text already decoded (stdin, a form field) */
  text?: string;
  /** file name, for the format and for messages */
  name?: string;
  format?: InputFormat;
  limits?: Partial<OpenLimits>;
}

/** The format a file name asks for; old Word and other known-unsupported types fail early with advice. */
export function formatFromName(name: string | undefined): InputFormat | undefined {
  const ext = name?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  switch (ext) {
    case 'docx': case 'docm': case 'dotx': return 'docx';
    case 'md': case 'markdown': return 'md';
    case 'txt': case 'text': return 'txt';
    case 'doc': case 'wps': case 'dot':
      throw new InputError('E_OLD_WORD', `${name} 是旧版 Word(.doc)或 WPS(.wps)文件，请在 Word/WPS 中“另存为” .docx 后再检查。`);
    case 'pdf': return 'pdf';
    case undefined: return undefined;
    default:
      throw new InputError('E_UNSUPPORTED', `不支持的文件类型 .${ext}（${name}）。可检查的类型：.docx、.txt、.md。`);
  }
}

/** Turns any draft input into the document model. Throws InputError for inputs that cannot be checked. */
export function parseDraft(input: DraftInput): ReplyDocument {
  const name = input.name;
  const label = name ?? '输入';
  if (input.text !== undefined) {
    const format = input.format ?? formatFromName(name) ?? 'txt';
    if (input.text.trim() === '') throw new InputError('E_EMPTY', `${label} 是空的（没有文字内容）。`);
    tooLarge(input.text.length, input.limits, label, '个字符');
    return fromText(input.text, format === 'md' ? 'md' : format === 'dom' ? 'dom' : 'txt', name);
  }
  const bytes = input.bytes ?? new Uint8Array();
  const format = input.format ?? formatFromName(name) ?? 'txt';
  const kind = sniff(bytes);
  if (kind === 'empty') throw new InputError('E_EMPTY', `${label} 是空文件（0 字节），请确认选择了正确的答复稿。`);
  if (format !== 'docx' && kind !== 'zip' && kind !== 'ole') tooLarge(bytes.length, input.limits, label); // (the zip opener words its own)
  if (kind === 'pdf') {
    // the text layer only: what a PDF cannot tell (fonts, sizes, margins) is skipped, and said so
    const pdf = readPdf(bytes);
    const notes = [`${label} 是 PDF 文件：已提取其文字层检查（共 ${pdf.pages} 页），PDF 不含 Word 的排版信息，版式检查（字体、字号、行距、页边距）已跳过；分段按缩进推断，可能与原稿略有出入。请尽量提交 Word 原稿(.docx)。`];
    if (format !== 'pdf') notes.push(`${label} 的扩展名不是 .pdf，但内容是 PDF，已按 PDF 检查。`);
    return buildDocument(pdf.paragraphs, { format: 'pdf', ...(name ? { name } : {}) }, { notes });
  }
  if (format === 'pdf') throw new InputError('E_PDF', `${label} 的扩展名是 .pdf，但内容不是 PDF 文件；请确认选择了正确的文件。`);
  if (format === 'docx' || kind === 'zip' || kind === 'ole') {
    const content = readDocx(bytes, input.limits);
    const notes = format === 'docx' ? [] : [`${label} 的扩展名不是 .docx，但内容是 Word 文档，已按 .docx 检查。`];
    return buildDocument(content.paragraphs, { format: 'docx', name }, { sections: content.sections, notes });
  }
  if (kind === 'rtf') throw new InputError('E_RTF', `${label} 实际是 RTF 文件，请在 Word/WPS 中另存为 .docx 后再检查。`);
  const decoded = decodeText(bytes);
  assertReadableText(decoded, label);
  const doc = fromText(decoded.text, format === 'md' ? 'md' : 'txt', name, decoded.encoding);
  if (decoded.replacementChars > 0) {
    doc.notes = [...(doc.notes ?? []), `${label} 有 ${decoded.replacementChars} 处无法识别的字符（按 ${decoded.encoding} 解码），请检查文件编码。`];
  }
  return doc;
}

/** Refuses an input over the size limit before any decoding or checking (a text of 20 MB takes minutes). */
function tooLarge(size: number, limits: Partial<OpenLimits> | undefined, label: string, unit?: string): void {
  const max = limits?.maxInputBytes ?? defaultLimits.maxInputBytes;
  if (size <= max) return;
  const mb = (n: number) => `${Math.ceil((n / 1048576) * 10) / 10} MB`;
  const what = unit ? `${size} ${unit}，超过 ${max} ${unit}` : `${mb(size)}，超过 ${mb(max)}`;
  throw new InputError('E_TOO_LARGE', `${label} 有 ${what} 的上限，不像是一份答复稿；请确认文件是否正确，或拆分后再检查。`);
}

/**
 * Lines a text draft may have. A reply has tens to hundreds of paragraphs; every line becomes a
 * paragraph of the document model (a few hundred bytes with its sentences), so 20 MB of short
 * lines would take gigabytes; near this limit a 20 MB file peaks at about 255 MB. (A .docx is
 * bounded the same way by its XML tags.)
 */
export const MAX_LINES = 150_000;

function tooManyLines(text: string, label: string): void {
  const breaks = /\r\n|\r|\n|\u2028|\u2029/g;
  let lines = 1;
  while (breaks.exec(text)) {
    if (++lines > MAX_LINES) {
      throw new InputError('E_TOO_LARGE', `${label} 有超过 ${MAX_LINES.toLocaleString('en-US')} 行，不像是一份答复稿（答复稿通常只有几十到几百段）；请确认文件是否正确，或拆分后再检查。`);
    }
  }
}

function fromText(text: string, format: 'txt' | 'md' | 'dom', name?: string, encoding?: string): ReplyDocument {
  tooManyLines(text, name ?? '输入');
  const source = { format, ...(name ? { name } : {}), ...(encoding ? { encoding } : {}) };
  if (format === 'md') return buildDocument(markdownParagraphs(text), source);
  // the lines as splitLines cuts them, but as slices of one text with LF endings, which is then
  // the document's text too: one copy of a 20 MB file's text instead of two
  let lf = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (/[\r\u2028\u2029]/u.test(lf)) lf = lf.replace(/\r\n|\r|\u2028|\u2029/gu, '\n');
  const lines = lf.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') { lines.pop(); lf = lf.slice(0, -1); }
  return buildDocument(lines, source, { text: lf });
}
