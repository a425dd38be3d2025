/**
 * The hostile corpus: broken, disguised and malicious inputs, generated here (never committed as
 * binaries), each with the error code and the words of the Chinese message it must produce.
 *
 * Used by hostile.test.ts (core and CLI), by the memory probe (memory-probe.mjs, via
 * `writeCorpus`) and by the benchmark (worst file's peak memory). `largeFiles` are the large
 * inputs that must be checked in full (issue 14): one 5,000,000-character line, 20 MB of replies.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deflate, strToU8, zipSync, zlibSync } from 'fflate';
import { replyDocx } from '../helpers/docx.js';
import { concat, randomBytes, writeZip, zerosDeflate } from '../helpers/zip.js';

export { concat, randomBytes, writeZip, zerosDeflate };

export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  /** the InputError code, or null when the file must be checked normally */
  code: string | null;
  /** words the message must contain (core and CLI word it alike) */
  message?: RegExp;
  /** a note the checked document must carry (code null only) */
  note?: RegExp;
  /** what the file is, for reports */
  what: string;
  /** the CLI's size check words it differently from the core (both say E_TOO_LARGE) */
  cliMessage?: RegExp;
}

const MB = 1024 * 1024;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export const GOOD_LINES = [
  '关于市十七届人大三次会议第128号建议的答复',
  '王某某代表：',
  '您提出的《关于加强校园周边交通安全的建议》（第128号）收悉。现答复如下：',
  '2025年4月，我局在实验小学周边新增信号灯2组、减速带6条，投入资金35万元。',
  '市公安局交警支队自2025年3月起在上下学时段安排警力4名，已查处违停车辆126辆次。',
  '2025年4月8日，我局副局长李某带队到实验小学与您面商，现场查看了路口情况，您对整改方案表示认可。',
  '感谢您对交通工作的关心和支持，欢迎继续提出宝贵意见。',
  '某市交通运输局',
  '2025年5月6日',
  '联系人：张某某，联系电话：0571-87001234',
];




/** Raw DEFLATE for head + `times` × unit + tail: a well-formed XML bomb (one stream, 64 KB pushes). */
function repeatDeflate(unit: Uint8Array, times: number, head: Uint8Array, tail: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 6 }, (c) => parts.push(c));
  const per = Math.max(1, Math.floor((64 * 1024) / unit.length));
  const block = new Uint8Array(per * unit.length);
  for (let i = 0; i < per; i++) block.set(unit, i * unit.length);
  d.push(head, false);
  for (let n = 0; n < times; n += per) d.push(block, false);
  d.push(tail, true);
  return concat(parts);
}



function oleFile(size: number, streams: string[]): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b[0x1a] = 0x3e;
  b[0x1c] = 0xfe;
  b[0x1d] = 0xff;
  b[0x1e] = 0x09;
  streams.forEach((s, k) => { for (let i = 0; i < s.length; i++) b[0x400 + k * 0x80 + i * 2] = s.charCodeAt(i); });
  return b;
}

const CT = strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

/** A minimal docx whose document.xml is `xml` (stored or deflated by fflate). */
export function docxWithDocument(xml: string | Uint8Array, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ '[Content_Types].xml': CT, 'word/document.xml': typeof xml === 'string' ? strToU8(xml) : xml, ...extra }, { level: 6 });
}

const docXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;

/** A small text-layer PDF (one page, Helvetica, ASCII text) and a scanned one (an image, no fonts). */
function pdf(objects: string[]): Uint8Array {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

export function textPdf(text = 'Reply to proposal No. 128'): Uint8Array {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

export function scannedPdf(): Uint8Array {
  const content = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
  const img = '\xff'.repeat(64);
  return pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${img.length} >>\nstream\n${img}\nendstream`,
  ]);
}

/** PDF objects where a stream's data may be binary: each object is [dict text, stream bytes?]. */
function pdfBinary(objects: Array<[string, Uint8Array?]>, trailerExtra = ''): Uint8Array {
  const parts: Uint8Array[] = [strToU8('%PDF-1.7\n%\u00e2\u00e3\n', true)];
  let size = parts[0].length;
  const offsets: number[] = [];
  objects.forEach(([dict, stream], i) => {
    offsets.push(size);
    const head = strToU8(`${i + 1} 0 obj\n${dict}${stream ? `\nstream\n` : ''}`, true);
    const tail = strToU8(stream ? '\nendstream\nendobj\n' : '\nendobj\n', true);
    for (const p of stream ? [head, stream, tail] : [head, tail]) { parts.push(p); size += p.length; }
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${size}\n%%EOF\n`;
  parts.push(strToU8(xref, true));
  return concat(parts);
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** A ToUnicode CMap (deflated) for two-byte codes: each character with its code. */
function toUnicode(glyphs: Map<string, number>): Uint8Array {
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
${glyphs.size} beginbfchar
${[...glyphs].map(([ch, g]) => `<${hex4(g)}> <${[...ch].map((c) => { const u = c.codePointAt(0)!; return u > 0xffff ? hex4(0xd800 + ((u - 0x10000) >> 10)) + hex4(0xdc00 + ((u - 0x10000) & 0x3ff)) : hex4(u); }).join('')}>`).join('\n')}
endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end`;
  return zlibSync(strToU8(cmap));
}

/**
 * A Chinese reply as Word or WPS exports it: a Type0 font with Identity-H encoding and a
 * ToUnicode CMap, FlateDecode content, a centred title, indented first lines and wrapped lines
 * at the margin (28 pt apart). `toUnicode: false` leaves the CIDs without a Unicode mapping.
 */
export function chinesePdf(lines: string[], opts: { toUnicode?: boolean; encrypt?: boolean } = {}): Uint8Array {
  const glyphs = new Map<string, number>();
  const cid = (ch: string) => { let g = glyphs.get(ch); if (g === undefined) glyphs.set(ch, (g = glyphs.size + 1)); return g; };
  const ops: string[] = [];
  let y = 800;
  const put = (text: string, x: number) => {
    ops.push(`BT /F1 16 Tf 1 0 0 1 ${x} ${y} Tm <${[...text].map((c) => hex4(cid(c))).join('')}> Tj ET`);
    y -= 28;
  };
  lines.forEach((line, i) => {
    const chars = [...line];
    if (i === 0) { put(line, 297 - chars.length * 8); y -= 14; return; } // centred title, then a blank line
    if (/^某市|^\d{4}年\d+月\d+日$/.test(line)) { put(line, 400); return; } // signoff and date on the right
    const first = /代表：$|委员：$|^联系人/.test(line) ? 72 : 104;
    put(chars.slice(0, 26).join(''), first);
    for (let k = 26; k < chars.length; k += 28) put(chars.slice(k, k + 28).join(''), 72);
  });
  const content = zlibSync(strToU8(ops.join('\n')));
  const cmapBytes = toUnicode(glyphs);
  return pdfBinary([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'],
    [`<< /Length ${content.length} /Filter /FlateDecode >>`, content],
    [`<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+FangSong /Encoding /Identity-H /DescendantFonts [6 0 R]${opts.toUnicode === false ? '' : ' /ToUnicode 7 0 R'} >>`],
    ['<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+FangSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>'],
    [`<< /Length ${cmapBytes.length} /Filter /FlateDecode >>`, cmapBytes],
    ['<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>'],
  ], opts.encrypt ? '/Encrypt 8 0 R /ID [<00> <00>] ' : '');
}

/** Advances (1/1000 em) of typesetPdf's Latin font: proportional digits, a narrow 1 and a wide 0. */
const LATIN_WIDTHS: Record<string, number> = { '0': 700, '1': 260, '2': 540, '3': 560, '4': 590, '5': 520, '6': 600, '7': 480, '8': 640, '9': 610, '.': 250, ',': 250, '%': 820, '-': 330, ' ': 250 };
const latinWidth = (code: number) => LATIN_WIDTHS[String.fromCharCode(code)] ?? 520;
/** What a line break cannot split (a number, a character), with punctuation kept with its neighbour. */
const BREAK_UNIT = /[（《“(]*(?:[A-Za-z0-9.%-]+|.)[，。、；：？！）》”,.;:?!)%]*/gu;

/**
 * A reply typeset with declared advances that counting characters gets wrong: Chinese in a Type0
 * Identity-H font whose /W gives the advances (its /DW of 500 is wrong for them), ASCII in a
 * TrueType font with proportional digits (/FirstChar, /Widths). Lines are broken where the next
 * unit no longer fits in 440 pt, so a long number leaves a line well short of the margin; lines
 * are ragged right, or justified by Tc or by TJ adjustments; `tz` condenses the text (Tz) and
 * `scale` draws it under a scaled CTM. 19 lines a page, a page number in each footer.
 */
export function typesetPdf(lines: string[], opts: { justify?: 'Tc' | 'TJ'; tz?: number; scale?: number } = {}): Uint8Array {
  const glyphs = new Map<string, number>();
  const cid = (ch: string) => { let g = glyphs.get(ch); if (g === undefined) glyphs.set(ch, (g = glyphs.size + 1)); return g; };
  const th = (opts.tz ?? 100) / 100, s = opts.scale ?? 1;
  const latin = (ch: string) => /^[\x20-\x7e]$/.test(ch);
  const advance = (ch: string, size: number) => (latin(ch) ? latinWidth(ch.charCodeAt(0)) : 1000) / 1000 * size * th;
  const widthOf = (text: string, size: number) => [...text].reduce((w, ch) => w + advance(ch, size), 0);
  const pages: string[][] = [[]];
  let row = 0;
  /** one line at x, as Word draws it: a text object per run of one font; `extra` widens every gap */
  const put = (text: string, x: number, size: number, extra = 0) => {
    if (row === 19) { pages.push([]); row = 0; }
    const y = 760 - row++ * 28;
    const chars = [...text];
    for (let i = 0; i < chars.length; ) {
      const isLatin = latin(chars[i]);
      let j = i;
      while (j < chars.length && latin(chars[j]) === isLatin) j++;
      const run = chars.slice(i, j);
      const code = (ch: string) => (isLatin ? ch.charCodeAt(0).toString(16).padStart(2, '0') : hex4(cid(ch)));
      const spacing = opts.justify === 'Tc' && extra ? `${extra / th / s} Tc ` : '0 Tc ';
      const show = opts.justify === 'TJ' && extra
        ? `[${run.map((ch) => `<${code(ch)}>`).join(` ${-(extra * 1000) / (size * th)} `)}] TJ`
        : `<${run.map(code).join('')}> Tj`;
      pages[pages.length - 1].push(`BT /${isLatin ? 'F2' : 'F1'} ${size / s} Tf ${spacing}${opts.tz ? `${opts.tz} Tz ` : ''}1 0 0 1 ${x / s} ${y / s} Tm ${show} ET`);
      x += run.reduce((w, ch) => w + advance(ch, size) + extra, 0);
      i = j;
    }
  };
  lines.forEach((line, i) => {
    const size = i === 0 ? 22 : 16;
    if (/^某市|^\d{4}年\d+月\d+日$/.test(line)) { put(line, 520 - widthOf(line, size), size); return; } // signoff and date on the right
    const indent = i === 0 || /代表：$|委员：$|^联系人/.test(line) ? 0 : 32;
    const broken: string[][] = [[]];
    let width = indent;
    for (const unit of line.match(BREAK_UNIT) ?? []) {
      const w = widthOf(unit, size);
      if (width + w > 440 && broken[broken.length - 1].length) { broken.push([]); width = 0; }
      broken[broken.length - 1].push(unit);
      width += w;
    }
    broken.forEach((units, k) => {
      const text = units.join(''), w = widthOf(text, size) + (k ? 0 : indent);
      if (i === 0) put(text, 300 - w / 2, size); // a centred title
      else put(text, 80 + (k ? 0 : indent), size, opts.justify && k < broken.length - 1 ? (440 - w) / ([...text].length - 1) : 0);
    });
  });
  pages.forEach((ops, n) => ops.push(`BT /F1 ${10.5 / s} Tf 1 0 0 1 ${280 / s} ${50 / s} Tm <${hex4(cid('—'))}> Tj /F2 ${10.5 / s} Tf ( ${n + 1} ) Tj /F1 ${10.5 / s} Tf <${hex4(cid('—'))}> Tj ET`));
  const cmap = toUnicode(glyphs);
  const latinWidths = Array.from({ length: 95 }, (_, k) => latinWidth(32 + k)).join(' ');
  return pdfBinary([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    [`<< /Type /Pages /Kids [${pages.map((_, k) => `${7 + 2 * k} 0 R`).join(' ')}] /Count ${pages.length} >>`],
    ['<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+FangSong /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>'],
    // both forms of /W: "c [w1 w2 w3]" and "c1 c2 w"
    [`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+FangSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [1 [1000 1000 1000] 4 ${Math.max(4, glyphs.size)} 1000] >>`],
    [`<< /Length ${cmap.length} /Filter /FlateDecode >>`, cmap],
    [`<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Proportional /FirstChar 32 /LastChar 126 /Widths [${latinWidths}] /Encoding /WinAnsiEncoding >>`],
    ...pages.flatMap((ops, k): Array<[string, Uint8Array?]> => {
      const content = zlibSync(strToU8(s === 1 ? ops.join('\n') : `q ${s} 0 0 ${s} 0 0 cm\n${ops.join('\n')}\nQ`));
      return [
        [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents ${8 + 2 * k} 0 R >>`],
        [`<< /Length ${content.length} /Filter /FlateDecode >>`, content],
      ];
    }),
  ]);
}

/** A PDF whose one content stream inflates to 1 GB of zeros (headers say nothing about it). */
function pdfBomb(): Uint8Array {
  const z = zerosDeflate(1024);
  const zlib = concat([Uint8Array.of(0x78, 0xda), z, new Uint8Array(4)]);
  return pdfBinary([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'],
    [`<< /Length ${zlib.length} /Filter /FlateDecode >>`, zlib],
  ]);
}

/** A form XObject that draws itself 40 times: 40^6 draws if nothing stops it. */
function pdfFormBomb(): Uint8Array {
  const form = strToU8('/X Do '.repeat(40));
  const page = strToU8('/X Do');
  return pdfBinary([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>'],
    [`<< /Length ${page.length} >>`, page],
    [`<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >> /Length ${form.length} >>`, form],
  ]);
}

/** Content nested 200,000 arrays deep, and an object whose dictionary never closes. */
function pdfDeep(): Uint8Array {
  const content = strToU8('['.repeat(200_000) + ' (x) Tj');
  return pdfBinary([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'],
    [`<< /Length ${content.length} >>`, content],
    ['<< /A << /B << /C ' + '<< '.repeat(50_000)],
  ]);
}

let goodDocx: Uint8Array | undefined;
export async function goodReplyDocx(): Promise<Uint8Array> {
  return (goodDocx ??= await replyDocx(GOOD_LINES));
}

/** Every hostile file, built in memory (about 30 MB in all; a few hundred ms). */
export async function hostileFiles(): Promise<HostileFile[]> {
  const good = await goodReplyDocx();
  const utf16Junk = new Uint8Array(5000);
  for (let i = 0; i < utf16Junk.length; i++) utf16Junk[i] = (i * 7919) % 256;
  const ctrl = strToU8('答复\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008'.repeat(200));
  const files: HostileFile[] = [
    // --- nothing in it
    { name: 'empty.docx', what: '0 字节的 .docx', bytes: new Uint8Array(0), code: 'E_EMPTY', message: /空/ },
    { name: 'empty.txt', what: '0 字节的 .txt', bytes: new Uint8Array(0), code: 'E_EMPTY', message: /空/ },
    { name: 'blank.txt', what: '只有 BOM、空格、全角空格和换行', bytes: strToU8('\uFEFF  \u3000\r\n\t\n\u3000\r'), code: 'E_EMPTY', message: /空/ },
    // --- old and locked Word
    { name: 'old.doc', what: '旧版 Word（OLE2）', bytes: oleFile(4096, ['WordDocument']), code: 'E_OLD_WORD', message: /另存为.*\.docx/ },
    { name: 'old-renamed.docx', what: '旧版 Word 改名为 .docx', bytes: oleFile(4096, ['WordDocument']), code: 'E_OLD_WORD', message: /另存为.*\.docx/ },
    { name: 'old.wps', what: 'WPS 文字（OLE2）', bytes: oleFile(4096, ['WordDocument']), code: 'E_OLD_WORD', message: /\.wps|WPS/ },
    { name: 'password.docx', what: '设置了打开密码的 .docx（OLE2 里的 EncryptedPackage）', bytes: oleFile(8192, ['EncryptionInfo', 'EncryptedPackage']), code: 'E_ENCRYPTED', message: /密码/ },
    { name: 'zip-encrypted.docx', what: 'zip 条目加了密（通用标志位 0）', bytes: writeZip([{ name: '[Content_Types].xml', data: CT, method: 0, declaredSize: CT.length }, { name: 'word/document.xml', data: randomBytes(300), method: 8, declaredSize: 2000, flags: 1 }]), code: 'E_ENCRYPTED', message: /加密/ },
    { name: 'excel97.docx', what: '旧版 Excel（.xls）改名为 .docx', bytes: oleFile(4096, ['Workbook']), code: 'E_NOT_DOCX', message: /Excel/ },
    // --- broken zips
    { name: 'truncated-60.docx', what: '只下载了 60% 的 .docx', bytes: good.subarray(0, Math.floor(good.length * 0.6)), code: 'E_CORRUPT_ZIP', message: /损坏|不完整/ },
    { name: 'truncated-tail.docx', what: '少了最后 10 个字节（目录记录不全）', bytes: good.subarray(0, good.length - 10), code: 'E_CORRUPT_ZIP', message: /损坏|不完整/ },
    { name: 'corrupt-deflate.docx', what: 'document.xml 的压缩数据是乱码', bytes: writeZip([{ name: '[Content_Types].xml', data: CT, method: 0, declaredSize: CT.length }, { name: 'word/document.xml', data: randomBytes(2000, 7), method: 8, declaredSize: 9000 }]), code: 'E_CORRUPT_ZIP', message: /损坏/ },
    { name: 'bad-method.docx', what: '不支持的压缩方式（LZMA 14）', bytes: writeZip([{ name: '[Content_Types].xml', data: CT, method: 0, declaredSize: CT.length }, { name: 'word/document.xml', data: randomBytes(200, 9), method: 14 as 8, declaredSize: 900 }]), code: 'E_CORRUPT_ZIP', message: /压缩方式/ },
    { name: 'not-xml.docx', what: 'document.xml 不是 XML（二进制）', bytes: docxWithDocument(randomBytes(3000, 3)), code: 'E_CORRUPT_ZIP', message: /损坏|XML/ },
    // --- not Word at all, whatever the extension says
    { name: 'text-renamed.docx', what: '纯文本改名为 .docx', bytes: strToU8('这其实是一个文本文件，只是扩展名写成了 docx。\n经研究，现答复如下：\n'), code: 'E_NOT_DOCX', message: /纯文本|\.txt/ },
    { name: 'junk.docx', what: '随机二进制改名为 .docx', bytes: randomBytes(10_000), code: 'E_NOT_DOCX', message: /二进制/ },
    { name: 'png-renamed.docx', what: 'PNG 图片改名为 .docx', bytes: concat([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), randomBytes(3000, 11)]), code: 'E_NOT_DOCX', message: /不是 Word/ },
    { name: 'zip-not-word.docx', what: '普通 zip 压缩包', bytes: zipSync({ 'readme.txt': strToU8('hello') }), code: 'E_NOT_DOCX', message: /没有 Word 正文/ },
    { name: 'xlsx-renamed.docx', what: 'Excel 表格（.xlsx）改名为 .docx', bytes: zipSync({ '[Content_Types].xml': CT, 'xl/workbook.xml': strToU8('<workbook/>') }), code: 'E_NOT_DOCX', message: /Excel/ },
    { name: 'pptx-renamed.docx', what: 'PowerPoint（.pptx）改名为 .docx', bytes: zipSync({ '[Content_Types].xml': CT, 'ppt/presentation.xml': strToU8('<p/>') }), code: 'E_NOT_DOCX', message: /PowerPoint/ },
    { name: 'odt-renamed.docx', what: 'OpenDocument（.odt）改名为 .docx', bytes: zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') }), code: 'E_NOT_DOCX', message: /ODF|odt/ },
    { name: 'rtf-renamed.docx', what: 'RTF 改名为 .docx', bytes: strToU8('{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 SimSun;}} 答复 }'), code: 'E_RTF', message: /另存为 \.docx/ },
    { name: 'rtf-renamed.txt', what: 'RTF 改名为 .txt', bytes: strToU8('{\\rtf1\\ansi 答复 }'), code: 'E_RTF', message: /另存为 \.docx/ },
    // --- PDF
    { name: 'scan.pdf', what: '扫描件 PDF（只有图片，没有文字层）', bytes: scannedPdf(), code: 'E_PDF', message: /扫描件无法检查文字/ },
    { name: 'cid-no-unicode.pdf', what: 'PDF 的中文字体没有 ToUnicode 映射', bytes: chinesePdf(GOOD_LINES, { toUnicode: false }), code: 'E_PDF', message: /无法提取/ },
    { name: 'encrypted.pdf', what: '加密的 PDF', bytes: chinesePdf(GOOD_LINES, { encrypt: true }), code: 'E_PDF', message: /加密/ },
    { name: 'pdf-bomb.pdf', what: 'PDF 内容流解压后 1 GB', bytes: pdfBomb(), code: 'E_TOO_LARGE', message: /上限/ },
    { name: 'pdf-form-bomb.pdf', what: 'PDF 表单对象自我引用 40 次（指数级绘制）', bytes: pdfFormBomb(), code: 'E_TOO_LARGE', message: /过于复杂/ },
    { name: 'pdf-deep.pdf', what: 'PDF 内容嵌套 20 万层数组、字典不闭合', bytes: pdfDeep(), code: 'E_PDF', message: /没有可提取的文字/ },
    { name: 'pdf-truncated.pdf', what: '只下载了一半的 PDF', bytes: chinesePdf(GOOD_LINES).subarray(0, 700), code: 'E_PDF', message: /损坏|不完整|没有可提取/ },
    { name: 'not-a-pdf.pdf', what: '扩展名是 .pdf 的文本', bytes: strToU8('经研究，现答复如下：'), code: 'E_PDF', message: /不是 PDF/ },
    { name: 'reply-latin.pdf', what: '有文字层的 PDF（西文字体）', bytes: textPdf(), code: null, note: /文字层.*版式检查.*已跳过/ },
    { name: 'reply-cn.pdf', what: 'Word 导出的中文 PDF（Identity-H 字体 + ToUnicode）', bytes: chinesePdf(GOOD_LINES), code: null, note: /文字层.*版式检查.*已跳过/ },
    { name: 'pdf-renamed.docx', what: 'PDF 改名为 .docx', bytes: chinesePdf(GOOD_LINES), code: null, note: /扩展名不是 \.pdf/ },
    // --- text that is not text
    { name: 'junk.txt', what: '二进制乱码（含 NUL，像无 BOM 的 UTF-16）', bytes: utf16Junk, code: 'E_BINARY', message: /不是可读的文本/ },
    { name: 'random.txt', what: '随机字节', bytes: randomBytes(20_000, 5), code: 'E_BINARY', message: /不是可读的文本/ },
    { name: 'control.txt', what: '大量控制字符', bytes: ctrl, code: 'E_BINARY', message: /不是可读的文本/ },
    { name: 'gzip.txt', what: 'gzip 压缩包改名为 .txt', bytes: concat([Uint8Array.of(0x1f, 0x8b, 0x08, 0x00), randomBytes(4000, 13)]), code: 'E_BINARY', message: /不是可读的文本/ },
    { name: 'draft.xyz', what: '不支持的扩展名', bytes: strToU8('经研究，现答复如下：'), code: 'E_UNSUPPORTED', message: /不支持的文件类型/ },
    // --- bombs and limits
    { name: 'bomb-honest.docx', what: 'zip 炸弹：声明解压后 200 MB', bytes: writeZip([{ name: '[Content_Types].xml', data: CT, method: 0, declaredSize: CT.length }, { name: 'word/document.xml', data: zerosDeflate(200), method: 8, declaredSize: 200 * MB }]), code: 'E_ZIP_BOMB', message: /上限/ },
    { name: 'bomb-lying.docx', what: 'zip 炸弹：头部谎报 9,582 字节，实为 1 GB 的 0', bytes: writeZip([{ name: '[Content_Types].xml', data: CT, method: 0, declaredSize: CT.length }, { name: 'word/document.xml', data: zerosDeflate(1024), method: 8, declaredSize: 9582 }]), code: 'E_ZIP_BOMB', message: /上限/ },
    { name: 'bomb-total.docx', what: 'zip 炸弹：四个部件各 30 MB，合计超限', bytes: writeZip([{ name: '[Content_Types].xml', data: CT, method: 0, declaredSize: CT.length }, ...['document', 'styles', 'numbering', 'settings'].map((p) => ({ name: `word/${p}.xml`, data: zerosDeflate(30), method: 8 as const, declaredSize: 1000 }))]), code: 'E_ZIP_BOMB', message: /上限/ },
    { name: 'bomb-entries.docx', what: '目录里有 5,000 个条目', bytes: writeZip(Array.from({ length: 5000 }, (_, i) => ({ name: `media/${i}.bin`, data: new Uint8Array(0), method: 0 as const, declaredSize: 0 }))), code: 'E_ZIP_BOMB', message: /条目/ },
    {
      name: 'bomb-paragraphs.docx', what: '格式良好的 XML 炸弹：解压后 12 MB、35 万个段落',
      bytes: writeZip([{ name: '[Content_Types].xml', data: CT, method: 0, declaredSize: CT.length }, { name: 'word/document.xml', data: repeatDeflate(strToU8('<w:p><w:r><w:t>段</w:t></w:r></w:p>'), 350_000, strToU8(`<w:document xmlns:w="${W}"><w:body>`), strToU8('</w:body></w:document>')), method: 8, declaredSize: 5000 }]),
      code: 'E_TOO_LARGE', message: /XML 标签/,
    },
    { name: 'deep-nesting.docx', what: '嵌套 150,000 层的 XML 元素', bytes: docxWithDocument(docXml(`${'<w:sdt><w:sdtContent>'.repeat(75_000)}${para('深')}${'</w:sdtContent></w:sdt>'.repeat(75_000)}`)), code: 'E_TOO_LARGE', message: /嵌套|过于庞大/ },
    { name: 'billion-laughs.docx', what: '实体膨胀（billion laughs）', bytes: docxWithDocument(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lolololololololololol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>${para('经研究，现答复如下：')}</w:body></w:document>`), code: null },
    { name: 'too-large.docx', what: '21 MB 的 .docx（大图片）', bytes: zipSync({ '[Content_Types].xml': CT, 'word/document.xml': strToU8(docXml(para('答复'))), 'word/media/image1.png': randomBytes(21 * MB, 17) }, { level: 0 }), code: 'E_TOO_LARGE', message: /上限/, cliMessage: /上限/ },
    { name: 'too-large.txt', what: '21 MB 的 .txt', bytes: strToU8('经研究，现答复如下：已完成改造12处。\n'.repeat(Math.ceil((21 * MB) / 54))), code: 'E_TOO_LARGE', message: /上限/ },
    { name: 'many-lines.txt', what: '250,000 行的 .txt（每行一个字）', bytes: strToU8('段\n'.repeat(250_000)), code: 'E_TOO_LARGE', message: /行.*不像是一份答复稿/ },
    // --- odd but readable: checked, with a note
    { name: 'docx-as.txt', what: '.docx 改名为 .txt', bytes: good, code: null, note: /扩展名不是 \.docx/ },
    { name: 'media-heavy.docx', what: '含 15 MB 图片的正常 .docx（图片不解压）', bytes: zipSync({ '[Content_Types].xml': CT, 'word/document.xml': strToU8(docXml(GOOD_LINES.map(para).join(''))), 'word/media/image1.png': randomBytes(15 * MB, 19) }, { level: 0 }), code: null },
  ];
  return files;
}

// ---------------------------------------------------------------------------------------------
// issue 14: inputs that are large but not broken, checked in full

/** A deterministic pseudo-random sequence of integers below n (mulberry32: the corpus is the same every run). */
function sequence(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

/**
 * Replies one after another, as a file of many real-looking replies would read: title,
 * salutation, opening, three numbered parts of two to four paragraphs of three to seven varied
 * sentences (amounts, dates, units, a 截止 and a 的的 now and then), thanks, signoff, date,
 * contact; about 12 million characters and 120,000 lines in 20 MB of GB18030.
 */
export function replyText(maxBytes: number, encode: (s: string) => Uint8Array): Uint8Array {
  const rnd = sequence(7);
  const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)];
  const units = ['市交通运输局', '市教育局', '市卫生健康委员会', '市住房和城乡建设局', '市生态环境局', '市公安局交通警察支队', '市水务局', '市民政局'];
  const topics = ['校园周边交通安全', '老旧小区加装电梯', '农村饮水安全', '社区养老服务', '城市内涝治理', '快递包装回收', '夜间门诊服务', '流浪犬管理'];
  const places = ['实验小学', '第二中学', '城东社区', '滨湖街道', '望江路口'];
  const things = ['信号灯', '减速带', '公交站台', '停车泊位', '路灯', '人行道', '监控探头', '护栏'];
  const names = ['王某某', '李某某', '张某某', '刘某某', '陈某某'];
  const sentences = [
    () => `${2023 + rnd(3)}年${1 + rnd(12)}月，${pick(units)}在${pick(places)}周边新增${pick(things)}${1 + rnd(20)}处，投入资金${5 + rnd(300)}万元`,
    () => `截至2025年${1 + rnd(5)}月底，已完成改造${rnd(80)}处，惠及群众${100 + rnd(9000)}户`,
    () => `${pick(units)}会同${pick(units)}制定了《关于${pick(topics)}的实施方案》，明确了责任分工和完成时限`,
    () => `我们在上下学时段安排警力${1 + rnd(9)}名，已查处违法停车${10 + rnd(500)}辆次`,
    () => `下一步，我们将继续加强协调，积极推进相关工作，力争在${2025 + rnd(2)}年底前全面完成`,
    () => `截止目前，仍有${rnd(30)}个点位因用地原因暂未实施，我们已将其列入下一年度的的计划`,
    () => `2025年${1 + rnd(12)}月${1 + rnd(28)}日，我局分管负责同志带队与您面商，现场查看了有关情况，您对办理工作表示满意`,
    () => '同时，我们通过门户网站和政务新媒体公开了办理进展，接受社会监督',
  ];
  const paragraph = () => Array.from({ length: 3 + rnd(5) }, () => pick(sentences)()).join('，') + '。';
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const no = 100 + (i % 900);
    const lines = [`关于市十七届人大三次会议第${no}号建议的答复`, `${pick(names)}代表：`, `您提出的《关于加强${pick(topics)}的建议》（第${no}号）收悉。现答复如下：`];
    for (const head of ['一、基本情况', '二、已开展的工作', '三、下一步打算']) lines.push(head, ...Array.from({ length: 2 + rnd(3) }, paragraph));
    lines.push('感谢您对我市工作的关心和支持，欢迎继续提出宝贵意见。', pick(units), `2025年${1 + rnd(12)}月${1 + rnd(28)}日`, `联系人：${pick(names)}，联系电话：0571-8700${1000 + rnd(9000)}`, '');
    const bytes = encode(lines.join('\n') + '\n');
    if (size + bytes.length > maxBytes) break;
    parts.push(bytes);
    size += bytes.length;
  }
  return concat(parts);
}

/**
 * Large inputs that must be checked, not refused, with bounded memory and output: one line of
 * 5,000,000 characters (one repeated word: 400,000 findings of one rule), and 20 MB of replies.
 */
export function largeFiles(encodeGb18030: (s: string) => Uint8Array): HostileFile[] {
  return [
    { name: 'long-line.txt', what: '一行 5,000,000 字（“办理”重复 250 万次，15 MB）', bytes: strToU8('办理'.repeat(2_500_000)), code: null },
    { name: 'replies-20mb.txt', what: '近 20 MB 的 GB18030 文本：一份接一份的答复稿，约 12 万行', bytes: replyText(20 * MB - 4096, encodeGb18030), code: null },
  ];
}

/** Writes files into `dir` and returns their paths by name. */
export function writeCorpus(dir: string, files: HostileFile[]): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  const out = new Map<string, string>();
  for (const f of files) {
    const p = join(dir, f.name);
    writeFileSync(p, f.bytes);
    out.set(f.name, p);
  }
  return out;
}
