import { InputError } from './errors.js';

export interface DecodedText { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'; bom: boolean; replacementChars: number }

/**
 * Decodes a text file: BOM first, then strict UTF-8, else GB18030 (a superset of GBK/GB2312).
 * The label is 'gb18030', never 'gbk': Node 20's ICU 'gbk' garbles four-byte sequences.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return done(new TextDecoder('utf-8').decode(b.subarray(3)), 'utf-8', true);
  if (b[0] === 0xff && b[1] === 0xfe) return done(new TextDecoder('utf-16le').decode(b.subarray(2)), 'utf-16le', true);
  if (b[0] === 0xfe && b[1] === 0xff) return done(new TextDecoder('utf-16be').decode(b.subarray(2)), 'utf-16be', true);
  const utf16 = guessBomlessUtf16(b);
  if (utf16) return done(new TextDecoder(utf16).decode(b), utf16, false);
  try {
    return done(new TextDecoder('utf-8', { fatal: true }).decode(b), 'utf-8', false);
  } catch {
    return done(new TextDecoder('gb18030').decode(b), 'gb18030', false);
  }
}

/** UTF-16 without a BOM: many NUL bytes on one side of each pair. */
function guessBomlessUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) evenZero++; if (b[i + 1] === 0) oddZero++; }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function done(text: string, encoding: DecodedText['encoding'], bom: boolean): DecodedText {
  let replacementChars = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) replacementChars++;
  return { text, encoding, bom, replacementChars };
}

/** Control characters other than tab/newline make a "text" file binary junk. */
export function assertReadableText(decoded: DecodedText, name = '文件'): void {
  const { text } = decoded;
  if (text.trim() === '') throw new InputError('E_EMPTY', `${name} 是空的（没有文字内容），请确认选择了正确的答复稿。`);
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) control++;
  }
  if (control > sample.length * 0.02 || decoded.replacementChars > text.length * 0.05) {
    throw new InputError('E_BINARY', `${name} 不是可读的文本（含大量乱码或二进制数据）。请确认文件类型：Word 文档请保存为 .docx，文本请保存为 UTF-8 或 GBK 编码的 .txt。`);
  }
}

/** One paragraph per line; any line ending (CRLF, CR, LF, U+2028/2029) counts. */
export function splitLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n|\u2028|\u2029/u);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
