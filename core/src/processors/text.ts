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
  // NUL bytes never occur in UTF-8 or GBK text: on one side of each pair they mean UTF-16
  const utf16 = guessBomlessUtf16(b);
  if (utf16) return done(new TextDecoder(utf16).decode(b), utf16, false);
  try {
    return done(new TextDecoder('utf-8', { fatal: true }).decode(b), 'utf-8', false);
  } catch {
    // not UTF-8: GB18030 (a superset of GBK) unless the bytes read far better as BOM-less UTF-16
    const gb = new TextDecoder('gb18030').decode(b);
    if (b.length % 2 === 0) {
      for (const enc of ['utf-16le', 'utf-16be'] as const) {
        // judged by the sample plausibility reads (its first 4,096 units, and one more so that a
        // pair across the cut decodes as in the whole): two whole decodes were 40 MB for a 20 MB file
        const u = new TextDecoder(enc).decode(b.subarray(0, 2 * (PLAUSIBILITY_SAMPLE + 1)));
        if (plausibility(u) > 0.9 && plausibility(u) > plausibility(gb) + 0.1) return done(new TextDecoder(enc).decode(b), enc, false);
      }
    }
    return done(gb, 'gb18030', false);
  }
}

/** Share of characters a Chinese reply is made of: Han, CJK punctuation, digits, whitespace. */
const PLAUSIBILITY_SAMPLE = 4096;

function plausibility(text: string): number {
  const sample = text.slice(0, PLAUSIBILITY_SAMPLE);
  if (!sample) return 0;
  let good = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x0a || c === 0x0d || (c >= 0xd800 && c <= 0xdfff) || c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2026) good++;
  }
  return good / sample.length;
}

/** UTF-16 without a BOM: NUL bytes on one side of each pair (ASCII letters, digits, line ends). */
function guessBomlessUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length - (b.length % 2), 8192);
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) evenZero++; if (b[i + 1] === 0) oddZero++; }
  // (U+4E00 一 puts a zero on the other side now and then, so compare the sides)
  if (oddZero >= 2 && oddZero > 3 * evenZero) return 'utf-16le';
  if (evenZero >= 2 && evenZero > 3 * oddZero) return 'utf-16be';
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
  if (control > sample.length * 0.02 || decoded.replacementChars > text.length * 0.05 || unusualShare(sample) > 0.2) {
    throw new InputError('E_BINARY', `${name} 不是可读的文本（含大量乱码或二进制数据）。请确认文件类型：Word 文档请保存为 .docx，文本请保存为 UTF-8 或 GBK 编码的 .txt。`);
  }
}

/**
 * Share of characters that no Chinese reply is made of (private use, unpaired surrogates, Hangul,
 * and the many scripts random bytes decoded as UTF-16 or GB18030 land in), among non-spaces.
 * Real drafts score near 0; binary junk decoded as UTF-16 about 0.5.
 */
function unusualShare(sample: string): number {
  let n = 0, odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c <= 0x20 || c === 0x3000) continue;
    n++;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = sample.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; } // a pair: extension-plane Han, emoji
      if (i + 1 < sample.length) odd++;
      continue;
    }
    const usual =
      c < 0x0530 || // Latin, Greek, Cyrillic
      (c >= 0x1e00 && c < 0x1f00) || (c >= 0x2000 && c < 0x2800) || // punctuation, symbols, ①, ■, ★
      (c >= 0x2e80 && c < 0xa000) || // CJK radicals, punctuation, kana, ㈠, Han (ext A and URO)
      (c >= 0xf900 && c < 0xfb00) || (c >= 0xfe10 && c < 0xfe70) || (c >= 0xff00 && c < 0xfff0) || c === 0xfeff;
    if (!usual) odd++;
  }
  return n ? odd / n : 0;
}

/** One paragraph per line; any line ending (CRLF, CR, LF, U+2028/2029) counts. */
export function splitLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n|\u2028|\u2029/u);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
