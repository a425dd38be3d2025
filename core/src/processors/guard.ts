/**
 * Guarded opening of untrusted binary input (what a user uploads as ".docx").
 *
 * - `sniff` tells what the bytes really are (zip, OLE2 .doc/.wps/encrypted .docx, PDF, RTF, text,
 *   binary) from magic bytes and a text heuristic.
 * - `unzipGuarded` reads the zip central directory itself and inflates only the wanted entries,
 *   with a hard cap on the bytes actually produced: a zip bomb whose headers lie about sizes is
 *   still stopped with bounded memory (at most the cap plus one inflate step).
 * - `openDocxParts` combines both and turns every failure into an `InputError` with a Chinese
 *   message that says what is wrong and what to do.
 *
 * No Node-only modules: Uint8Array, TextDecoder and fflate only (bundles for the extension).
 */
import { Inflate, inflateSync } from 'fflate';
import { InputError } from './errors.js';

export type Sniffed = 'empty' | 'zip' | 'ole' | 'pdf' | 'rtf' | 'text' | 'binary';

const MB = 1024 * 1024;

export interface OpenLimits {
  /** size of the input file */
  maxInputBytes: number;
  /** entries in the zip central directory */
  maxEntries: number;
  /** inflated size of one XML part */
  maxPartBytes: number;
  /** inflated size of all wanted parts together */
  maxTotalBytes: number;
}

export const defaultLimits: OpenLimits = Object.freeze({
  maxInputBytes: 20 * MB,
  maxEntries: 2000,
  maxPartBytes: 50 * MB,
  maxTotalBytes: 80 * MB,
});

// ---------------------------------------------------------------------------------------------
// sniffing

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
};

const SIG_ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const SIG_ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const SIG_ZIP_SPANNED = [0x50, 0x4b, 0x07, 0x08];
const SIG_OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SIG_PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const SIG_RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf
const BOM_UTF8 = [0xef, 0xbb, 0xbf];

/** Bytes looked at by the text heuristic. */
const TEXT_SAMPLE = 64 * 1024;

/** Share of control characters (besides \t \n \r \f \v, ESC-free text) above which it is binary. */
const MAX_CONTROL_RATIO = 0.01;

function controlRatio(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b && c !== 0x1a) bad++;
    } else if (c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return bad / text.length;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, BOM_UTF8) || startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  const sample = bytes.subarray(0, TEXT_SAMPLE);
  // NUL never occurs in UTF-8 / GB18030 text (UTF-16 without BOM is not supported)
  if (sample.indexOf(0) !== -1) return false;
  // stream: true tolerates a multi-byte character cut at the end of the sample
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: sample.length < bytes.length });
    return controlRatio(text) <= MAX_CONTROL_RATIO;
  } catch {
    /* not UTF-8 */
  }
  try {
    const text = new TextDecoder('gb18030').decode(sample, { stream: sample.length < bytes.length });
    return controlRatio(text) <= MAX_CONTROL_RATIO;
  } catch {
    return false; // runtime without gb18030 support
  }
}

/** What the bytes are, from magic bytes; 'text' when they decode as text with few control characters. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, SIG_ZIP_LOCAL) || startsWith(bytes, SIG_ZIP_EMPTY) || startsWith(bytes, SIG_ZIP_SPANNED)) return 'zip';
  if (startsWith(bytes, SIG_OLE)) return 'ole';
  if (startsWith(bytes, SIG_PDF)) return 'pdf';
  if (startsWith(bytes, SIG_RTF) || startsWith(bytes, [...BOM_UTF8, ...SIG_RTF])) return 'rtf';
  return looksLikeText(bytes) ? 'text' : 'binary';
}

// ---------------------------------------------------------------------------------------------
// zip

/** "20 MB", "20.1 MB", "800 KB": one decimal at most; sizes compared with a limit round up (20 MB + 1 byte → 20.1 MB) */
const fmtSize = (n: number, up = false): string => {
  const unit = n >= MB ? MB : 1024;
  const v = (up ? Math.ceil((n / unit) * 10) : Math.round((n / unit) * 10)) / 10;
  return `${v} ${unit === MB ? 'MB' : 'KB'}`;
};

const corrupt = (detail: string): InputError =>
  new InputError(
    'E_CORRUPT_ZIP',
    `文件已损坏或不完整（${detail}），请重新下载或从 Word 重新另存为 .docx 后再检查`,
  );

const bomb = (detail: string): InputError =>
  new InputError('E_ZIP_BOMB', `${detail}，可能是异常或恶意文件，已停止读取`);

interface CdEntry {
  name: string;
  /** the name as stored (UTF-8 when flags bit 11, else code page 437) */
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  compSize: number;
  size: number;
  crc: number;
  modTime: number;
  modDate: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
/** little-endian u64 as a JS number (exact up to 2^53; larger values are absurd here anyway) */
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOC = 0x07064b50;
const SIG_CD = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

const utf8 = new TextDecoder('utf-8');

/** Locate and parse the End-Of-Central-Directory record (zip64 aware). */
function readDirectory(bytes: Uint8Array, maxEntries: number): CdEntry[] {
  const n = bytes.length;
  if (n < 22) throw corrupt('zip 结构缺失');
  let eocd = -1;
  const stop = Math.max(0, n - 22 - 0xffff);
  for (let i = n - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      // the comment must fit in the file (guards against the signature appearing in data)
      if (i + 22 + u16(bytes, i + 20) <= n) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) throw corrupt('zip 结构缺失');
  if (u32(bytes, eocd) !== SIG_EOCD) throw corrupt('zip 结构缺失');

  let total = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  const diskNo = u16(bytes, eocd + 4);
  if (diskNo !== 0 && diskNo !== 0xffff) throw corrupt('分卷压缩的 zip 不受支持');

  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(bytes, loc) === SIG_EOCD64_LOC) {
      const rec = u64(bytes, loc + 8);
      if (rec + 56 > n || u32(bytes, rec) !== SIG_EOCD64) throw corrupt('zip64 目录记录缺失');
      total = u64(bytes, rec + 32);
      cdSize = u64(bytes, rec + 40);
      cdOffset = u64(bytes, rec + 48);
    }
  }

  if (total > maxEntries) {
    throw bomb(`压缩包里有 ${total} 个条目，超过 ${maxEntries} 个的上限`);
  }
  if (cdOffset + cdSize > n || cdOffset > eocd) throw corrupt('zip 目录越界');

  const entries: CdEntry[] = [];
  let p = cdOffset;
  const end = cdOffset + cdSize;
  for (let k = 0; k < total; k++) {
    if (p + 46 > end || u32(bytes, p) !== SIG_CD) throw corrupt('zip 目录条目损坏');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const modTime = u16(bytes, p + 12);
    const modDate = u16(bytes, p + 14);
    const crc = u32(bytes, p + 16);
    let compSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameStart = p + 46;
    const next = nameStart + nameLen + extraLen + commentLen;
    if (next > end) throw corrupt('zip 目录条目损坏');
    const nameBytes = bytes.subarray(nameStart, nameStart + nameLen);
    const name = utf8.decode(nameBytes);
    // zip64 extended information in the extra field
    if (size === 0xffffffff || compSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = nameStart + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const qEnd = Math.min(e + 4 + len, eEnd);
          if (size === 0xffffffff && q + 8 <= qEnd) (size = u64(bytes, q)), (q += 8);
          if (compSize === 0xffffffff && q + 8 <= qEnd) (compSize = u64(bytes, q)), (q += 8);
          if (localOffset === 0xffffffff && q + 8 <= qEnd) (localOffset = u64(bytes, q)), (q += 8);
          break;
        }
        e += 4 + len;
      }
    }
    if (localOffset + 30 > cdOffset || compSize > n) throw corrupt('zip 条目越界');
    entries.push({ name, nameBytes, flags, method, compSize, size, crc, modTime, modDate, localOffset });
    p = next;
  }
  return entries;
}

/** Push size for streaming inflate: one step can produce at most ~1032× this (~4 MB past the cap). */
const INFLATE_STEP = 4 * 1024;

/**
 * Inflate raw deflate data, throwing as soon as the real output exceeds `cap`.
 * Memory stays bounded by cap + one step (~4 MB) whatever the headers claim.
 */
function inflateCapped(data: Uint8Array, cap: number, onOver: (produced: number) => never): Uint8Array {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let over = false;
  const inf = new Inflate((chunk: Uint8Array) => {
    if (over) return;
    produced += chunk.length;
    if (produced > cap) {
      over = true;
      chunks.length = 0;
      return;
    }
    if (chunk.length) chunks.push(chunk);
  });
  try {
    if (data.length === 0) inf.push(data, true);
    for (let off = 0; off < data.length && !over; off += INFLATE_STEP) {
      const end = Math.min(off + INFLATE_STEP, data.length);
      inf.push(data.subarray(off, end), end === data.length);
    }
  } catch (e) {
    if (!over) throw corrupt(`压缩数据损坏：${(e as Error).message}`);
  }
  if (over) onOver(produced);
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(produced);
  let o = 0;
  for (const c of chunks) out.set(c, o), (o += c.length);
  return out;
}

/**
 * Small parts in one call into a buffer of the declared size: the streaming Inflate allocates and
 * copies a 160 KB buffer per push, which for the few-KB parts of a typical draft cost more than
 * inflating them. Only for compressed data up to this size, so a header that lies costs at most
 * ~1032× it (~66 MB) of decoding before inflateCapped takes over.
 */
const ONE_SHOT_MAX = 64 * 1024;

/** The inflated part when it is exactly `size` bytes as declared, else null (the caller falls back to inflateCapped). */
function inflateExact(data: Uint8Array, size: number): Uint8Array | null {
  // one spare byte: output that fills it is longer than declared (fflate drops what does not fit)
  const out = new Uint8Array(size + 1);
  try {
    const r = inflateSync(data, { out });
    return r.length === size ? r : null;
  } catch {
    return null; // corrupt data: inflateCapped reports it
  }
}

/**
 * Parts inflated lately, by their compressed bytes: the drafts of a batch mostly share their
 * unit's template, whose styles, theme, numbering and settings were most of the inflating. The
 * same compressed bytes always inflate to the same bytes, so those are handed out again (parts
 * are read, never written to). Only small parts, and a few of them.
 */
const recentParts: Array<{ data: Uint8Array; content: Uint8Array }> = [];
const RECENT_PARTS = 16;
const RECENT_PART_MAX = 256 * 1024;

/** Byte-for-byte equality (the same array first). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inflateRecent(data: Uint8Array, size: number, inflate: () => Uint8Array): Uint8Array {
  const hit = recentParts.find((p) => p.content.length === size && sameBytes(p.data, data));
  if (hit) return hit.content;
  const content = inflate();
  if (content.length <= RECENT_PART_MAX) {
    recentParts.unshift({ data: new Uint8Array(data), content });
    if (recentParts.length > RECENT_PARTS) recentParts.pop();
  }
  return content;
}

/**
 * Read the wanted entries of a zip with hard limits. Entries not wanted are never inflated.
 * `wanted` sees every file entry name (not directories) in central-directory order.
 * @throws InputError E_TOO_LARGE | E_CORRUPT_ZIP | E_ZIP_BOMB | E_ENCRYPTED
 */
export function unzipGuarded(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits?: Partial<OpenLimits>,
): Map<string, Uint8Array> {
  const lim: OpenLimits = { ...defaultLimits, ...limits };
  if (bytes.length > lim.maxInputBytes) {
    throw new InputError(
      'E_TOO_LARGE',
      `文件大小为 ${fmtSize(bytes.length, true)}，超过 ${fmtSize(lim.maxInputBytes)} 上限；请删除或压缩文档中的图片、或拆分文档后再检查`,
    );
  }
  const entries = readDirectory(bytes, lim.maxEntries);
  const picked = entries.filter((e) => !e.name.endsWith('/') && wanted(e.name));

  // declared sizes first: an honest bomb is refused before any inflating
  let declaredTotal = 0;
  for (const e of picked) {
    if (e.size > lim.maxPartBytes) {
      throw bomb(`文件中的 ${e.name} 声明解压后为 ${fmtSize(e.size, true)}，超过 ${fmtSize(lim.maxPartBytes)} 上限`);
    }
    declaredTotal += e.size;
  }
  if (declaredTotal > lim.maxTotalBytes) {
    throw bomb(`文件中的文字部分声明解压后共 ${fmtSize(declaredTotal, true)}，超过 ${fmtSize(lim.maxTotalBytes)} 上限`);
  }

  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of picked) {
    if (e.flags & 1) {
      throw new InputError('E_ENCRYPTED', `文件中的 ${e.name} 已加密，无法读取；请取消密码后另存为 .docx 再检查`);
    }
    const lh = e.localOffset;
    if (lh + 30 > bytes.length || u32(bytes, lh) !== SIG_LOCAL) throw corrupt(`${e.name} 的本地文件头缺失`);
    const dataStart = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
    const dataEnd = dataStart + e.compSize;
    if (dataEnd > bytes.length) throw corrupt(`${e.name} 的数据不完整`);
    const data = bytes.subarray(dataStart, dataEnd);
    const cap = Math.min(lim.maxPartBytes, lim.maxTotalBytes - total);
    const onOver = (): never => {
      if (cap < lim.maxPartBytes) {
        throw bomb(`文件中的文字部分解压后共超过 ${fmtSize(lim.maxTotalBytes)} 上限`);
      }
      throw bomb(`文件中的 ${e.name} 解压后超过 ${fmtSize(lim.maxPartBytes)} 上限`);
    };
    let content: Uint8Array;
    if (e.method === 0) {
      if (data.length > cap) onOver();
      content = new Uint8Array(data); // a copy (Buffer#slice would be a view)
    } else if (e.method === 8) {
      const inflate = () => (data.length <= ONE_SHOT_MAX && e.size < cap && inflateExact(data, e.size)) || inflateCapped(data, cap, onOver);
      content = e.size <= RECENT_PART_MAX && e.size < cap ? inflateRecent(data, e.size, inflate) : inflate();
    } else {
      throw corrupt(`${e.name} 使用了不支持的压缩方式 ${e.method}`);
    }
    total += content.length;
    out.set(e.name, content);
  }
  return out;
}

/** One zip entry as stored: its compressed bytes and the central-directory facts needed to copy it unchanged. */
export interface RawZipEntry {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  /** 0 stored, 8 deflated */
  method: number;
  crc: number;
  size: number;
  modTime: number;
  modDate: number;
  /** the compressed data (a view into the input) */
  data: Uint8Array;
}

/**
 * The entries of a zip without inflating anything (directories included), for copying them
 * byte for byte into a new zip. Same input checks as unzipGuarded (size, entry count, bounds).
 * @throws InputError E_TOO_LARGE | E_CORRUPT_ZIP | E_ZIP_BOMB
 */
export function rawZipEntries(bytes: Uint8Array, limits?: Partial<OpenLimits>): RawZipEntry[] {
  const lim: OpenLimits = { ...defaultLimits, ...limits };
  if (bytes.length > lim.maxInputBytes) {
    throw new InputError('E_TOO_LARGE', `文件大小为 ${fmtSize(bytes.length, true)}，超过 ${fmtSize(lim.maxInputBytes)} 上限`);
  }
  return readDirectory(bytes, lim.maxEntries).map((e) => {
    const lh = e.localOffset;
    if (lh + 30 > bytes.length || u32(bytes, lh) !== SIG_LOCAL) throw corrupt(`${e.name} 的本地文件头缺失`);
    const dataStart = lh + 30 + u16(bytes, lh + 26) + u16(bytes, lh + 28);
    const dataEnd = dataStart + e.compSize;
    if (dataEnd > bytes.length) throw corrupt(`${e.name} 的数据不完整`);
    const { name, nameBytes, flags, method, crc, size, modTime, modDate } = e;
    return { name, nameBytes, flags, method, crc, size, modTime, modDate, data: bytes.subarray(dataStart, dataEnd) };
  });
}

// ---------------------------------------------------------------------------------------------
// docx

/** The parts `openDocxParts` returns (keys are the zip entry names, lower-cased). */
export const DOCX_MAIN = 'word/document.xml';

const WANTED_DOCX = /^(?:word\/(?:document|styles|numbering|settings|header\d*|footer\d*)\.xml|word\/theme\/theme1\.xml|word\/_rels\/document\.xml\.rels)$/;

/** true when `hay` contains `needle` as UTF-16LE (OLE2 directory entry names) */
function containsUtf16le(hay: Uint8Array, needle: string): boolean {
  const pat = new Uint8Array(needle.length * 2);
  for (let i = 0; i < needle.length; i++) pat[i * 2] = needle.charCodeAt(i);
  let i = hay.indexOf(pat[0]);
  outer: while (i !== -1 && i + pat.length <= hay.length) {
    for (let k = 1; k < pat.length; k++) {
      if (hay[i + k] !== pat[k]) {
        i = hay.indexOf(pat[0], i + 1);
        continue outer;
      }
    }
    return true;
  }
  return false;
}

/**
 * Sniff, check and unzip the parts of a .docx that the reader needs:
 * word/document.xml, styles.xml, numbering.xml, settings.xml, theme/theme1.xml,
 * header*.xml, footer*.xml and word/_rels/document.xml.rels (keys lower-cased), and what `alsoWanted` asks for.
 * @throws InputError with a Chinese message for every kind of unusable input
 */
export function openDocxParts(
  bytes: Uint8Array,
  limits?: Partial<OpenLimits>,
  /** more parts to read (called with the lower-cased name), e.g. [Content_Types].xml and comments for the annotator */
  alsoWanted?: (lowerName: string) => boolean,
): Map<string, Uint8Array> {
  const kind = sniff(bytes);
  switch (kind) {
    case 'empty':
      throw new InputError('E_EMPTY', '文件是空的（0 字节），可能没有保存成功或下载不完整，请重新保存后再检查');
    case 'ole':
      if (containsUtf16le(bytes, 'EncryptedPackage')) {
        throw new InputError('E_ENCRYPTED', '这是设置了密码的 Word 文档，请取消密码后另存为 .docx 再检查');
      }
      if (containsUtf16le(bytes, 'Workbook') && !containsUtf16le(bytes, 'WordDocument')) {
        throw new InputError('E_NOT_DOCX', '这是旧版 Excel 表格(.xls)，不是 Word 文档，请选择答复稿的 .docx 文件');
      }
      throw new InputError('E_OLD_WORD', '这是旧版 Word(.doc)或 WPS(.wps)文件，请另存为 .docx 后再检查');
    case 'pdf':
      throw new InputError('E_PDF', '这是 PDF 文件，无法检查排版和文字；请提供 Word 原稿(.docx)后再检查');
    case 'rtf':
      throw new InputError('E_RTF', '这是 RTF 格式文件（扩展名可能被改过），请用 Word 打开后另存为 .docx 再检查');
    case 'text':
      throw new InputError(
        'E_NOT_DOCX',
        '文件扩展名是 .docx，但内容不是 Word 文档（看起来是纯文本）；请用 Word 打开后另存为 .docx，或把扩展名改为 .txt 再检查',
      );
    case 'binary':
      throw new InputError(
        'E_NOT_DOCX',
        '文件扩展名是 .docx，但内容不是 Word 文档（看起来是二进制数据）；请确认是否选错了文件，或从 Word 重新另存为 .docx 后再检查',
      );
    case 'zip':
      break;
  }

  const names: string[] = [];
  const raw = unzipGuarded(
    bytes,
    (name) => {
      const lower = name.toLowerCase();
      if (names.length < 64) names.push(lower);
      return WANTED_DOCX.test(lower) || (alsoWanted?.(lower) ?? false);
    },
    limits,
  );
  const parts = new Map<string, Uint8Array>();
  for (const [k, v] of raw) {
    const lower = k.toLowerCase();
    if (!parts.has(lower)) parts.set(lower, v);
  }
  if (!parts.has(DOCX_MAIN)) {
    let what = '是压缩包，但里面没有 Word 正文';
    if (names.some((n) => n.startsWith('xl/'))) what = '这是 Excel 表格(.xlsx)';
    else if (names.some((n) => n.startsWith('ppt/'))) what = '这是 PowerPoint 演示文稿(.pptx)';
    else if (names.includes('mimetype') || names.includes('content.xml')) what = '这是 OpenDocument/WPS 的 ODF 文件(.odt)';
    else if (names.some((n) => n.endsWith('.ofd') || n === 'ofd.xml')) what = '这是 OFD 版式文件';
    throw new InputError('E_NOT_DOCX', `文件内容不是 Word 文档（${what}），请用 Word 或 WPS 另存为 .docx 后再检查`);
  }
  return parts;
}
