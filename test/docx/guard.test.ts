/**
 * The guarded opener: every unusable input must end in an InputError with a stable code and a
 * Chinese message, and zip bombs must be stopped with bounded memory even when their headers lie.
 */
import { describe, expect, test } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { Zip, ZipDeflate, deflateSync, inflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import { defaultLimits, openDocxParts, sniff, unzipGuarded } from '../../core/src/processors/guard.js';
import { readDocx } from '../../core/src/processors/docx.js';
import { InputError, type InputErrorCode } from '../../core/src/processors/errors.js';
import { concat, randomBytes, writeZip, zerosDeflate } from '../helpers/zip.js';

const MB = 1024 * 1024;

function expectInputError(fn: () => unknown, code: InputErrorCode, message?: string | RegExp): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.code).toBe(code);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else if (message) expect(err.message).toMatch(message);
    return err;
  }
  throw new Error(`expected InputError ${code}, nothing was thrown`);
}

async function smallDocx(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph('答复正文'), new Paragraph('第二段')] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}


const contentTypes = { name: '[Content_Types].xml', data: strToU8('<Types/>'), method: 0 as const, declaredSize: 8 };


function oleHeader(size = 4096): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b[0x1a] = 0x3e; // minor/major version, byte order FFFE, sector shift 9 (like a real .doc header)
  b[0x1c] = 0xfe;
  b[0x1d] = 0xff;
  b[0x1e] = 0x09;
  return b;
}

function putUtf16le(b: Uint8Array, at: number, s: string): void {
  for (let i = 0; i < s.length; i++) b[at + i * 2] = s.charCodeAt(i);
}

// ---------------------------------------------------------------------------------------------

describe('sniff', () => {
  test('magic bytes and the text heuristic', async () => {
    expect(sniff(new Uint8Array(0))).toBe('empty');
    expect(sniff(await smallDocx())).toBe('zip');
    expect(sniff(new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]))).toBe('zip');
    expect(sniff(oleHeader())).toBe('ole');
    expect(sniff(strToU8('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
    expect(sniff(strToU8('{\\rtf1\\ansi\\ansicpg936 答复}'))).toBe('rtf');
    expect(sniff(strToU8('关于市政协五届二次会议第0123号提案的答复函\r\n张三委员：\r\n'))).toBe('text');
    // GBK "你好，答复" + ASCII: not UTF-8, decodes as GB18030
    expect(sniff(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xb4, 0xf0, 0xb8, 0xb4, 0x0d, 0x0a, 0x41, 0x42]))).toBe('text');
    expect(sniff(new Uint8Array([0xff, 0xfe, 0x54, 0x7b, 0x0d, 0x59]))).toBe('text'); // UTF-16LE BOM
    expect(sniff(randomBytes(4096))).toBe('binary');
    expect(sniff(new Uint8Array(1024))).toBe('binary'); // zeros
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe('binary'); // PNG
  });
});

describe('openDocxParts: what is not a .docx', () => {
  test('empty file', () => {
    expectInputError(() => openDocxParts(new Uint8Array(0)), 'E_EMPTY', /^文件是空的（0 字节）/);
  });

  test('old Word / WPS (OLE2)', () => {
    const doc = oleHeader();
    putUtf16le(doc, 1024, 'WordDocument');
    expectInputError(() => openDocxParts(doc), 'E_OLD_WORD', '这是旧版 Word(.doc)或 WPS(.wps)文件，请另存为 .docx 后再检查');
    expectInputError(() => openDocxParts(oleHeader()), 'E_OLD_WORD');
  });

  test('password-protected .docx (OLE2 with an EncryptedPackage stream)', () => {
    const enc = oleHeader(8192);
    putUtf16le(enc, 0x400, 'EncryptionInfo');
    putUtf16le(enc, 0x480, 'EncryptedPackage');
    expectInputError(() => openDocxParts(enc), 'E_ENCRYPTED', '这是设置了密码的 Word 文档，请取消密码后另存为 .docx 再检查');
  });

  test('PDF and RTF', () => {
    expectInputError(() => openDocxParts(strToU8('%PDF-1.4\n...')), 'E_PDF', /PDF/);
    expectInputError(() => openDocxParts(strToU8('{\\rtf1 hello}')), 'E_RTF', /RTF/);
  });

  test('truncated zip (first 60 %)', async () => {
    const full = await smallDocx();
    const cut = full.subarray(0, Math.floor(full.length * 0.6));
    expectInputError(
      () => openDocxParts(cut),
      'E_CORRUPT_ZIP',
      '文件已损坏或不完整（zip 结构缺失），请重新下载或从 Word 重新另存为 .docx 后再检查',
    );
    expectInputError(() => readDocx(cut), 'E_CORRUPT_ZIP');
  });

  test('a text file and random binary renamed .docx', () => {
    expectInputError(() => openDocxParts(strToU8('关于……的答复\n经研究，现答复如下：\n')), 'E_NOT_DOCX', /^文件扩展名是 \.docx，但内容不是 Word 文档（看起来是纯文本）/);
    expectInputError(() => openDocxParts(randomBytes(10_000)), 'E_NOT_DOCX', /（看起来是二进制数据）/);
  });

  test('a valid zip that is not a docx, and an .xlsx', () => {
    const zip = zipSync({ 'readme.txt': strToU8('hello'), 'data/a.bin': new Uint8Array(10) });
    expectInputError(() => openDocxParts(zip), 'E_NOT_DOCX', /没有 Word 正文/);
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    expectInputError(() => openDocxParts(xlsx), 'E_NOT_DOCX', /Excel/);
    const empty = new Uint8Array(22);
    empty.set([0x50, 0x4b, 0x05, 0x06]);
    expectInputError(() => openDocxParts(empty), 'E_NOT_DOCX');
  });

  test('corrupt deflate data in document.xml', () => {
    const zip = writeZip([contentTypes, { name: 'word/document.xml', data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), method: 8, declaredSize: 100 }]);
    expectInputError(() => openDocxParts(zip), 'E_CORRUPT_ZIP', /压缩数据损坏/);
  });
});

describe('openDocxParts: a real docx', () => {
  test('returns only the wanted parts', async () => {
    const parts = openDocxParts(await smallDocx());
    expect([...parts.keys()].sort()).toEqual([
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/numbering.xml',
      'word/settings.xml',
      'word/styles.xml',
      'word/theme/theme1.xml',
    ]);
    expect(new TextDecoder().decode(parts.get('word/document.xml'))).toContain('答复正文');
  });

  test('zips streamed with data descriptors (sizes 0 in the local headers) read fine', async () => {
    const files = unzipSync(await smallDocx());
    const out: Uint8Array[] = [];
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      out.push(chunk);
    });
    for (const [name, data] of Object.entries(files)) {
      const f = new ZipDeflate(name, { level: 6 });
      zip.add(f);
      f.push(data, true);
    }
    zip.end();
    const streamed = concat(out);
    expect(readDocx(streamed).paragraphs.map((p) => p.text)).toEqual(['答复正文', '第二段']);
  });
});

describe('openDocxParts: declared sizes that are wrong', () => {
  // small parts are inflated in one call into a buffer of the declared size; a wrong size must
  // fall back to the streaming path, never truncate or pad the part
  test('a part read exactly whether its declared size is right, too large or too small', () => {
    const xml = strToU8(`<w:document>${'<w:p><w:r><w:t>答复正文</w:t></w:r></w:p>'.repeat(200)}</w:document>`);
    const data = deflateSync(xml);
    for (const declaredSize of [xml.length, xml.length + 10, xml.length - 10, 0]) {
      const zip = writeZip([contentTypes, { name: 'word/document.xml', data, method: 8, declaredSize }]);
      expect(unzipGuarded(zip, (n) => n.endsWith('.xml')).get('word/document.xml'), String(declaredSize)).toEqual(xml);
    }
  });
});

describe('unzipGuarded: parts the drafts of a batch share', () => {
  // the same compressed bytes are not inflated again (a unit's template in every draft); any
  // other bytes are, even with the same declared size
  test('a part with the compressed bytes of one read before is the same; a different one of the same size is its own', () => {
    const styles = (font: string) => strToU8(`<w:styles>${`<w:style w:styleId="S"><w:rFonts w:eastAsia="${font}"/></w:style>`.repeat(50)}</w:styles>`);
    const song = styles('宋体'), hei = styles('黑体');
    expect(song.length).toBe(hei.length);
    const read = (xml: Uint8Array) => unzipGuarded(writeZip([contentTypes, { name: 'word/styles.xml', data: deflateSync(xml), method: 8, declaredSize: xml.length }]), (n) => n.endsWith('.xml')).get('word/styles.xml')!;
    const first = read(song);
    expect(first).toEqual(song);
    expect(read(song)).toBe(first);
    expect(read(hei)).toEqual(hei);
    expect(read(song)).toEqual(song);
  });
});

describe('limits and zip bombs', () => {
  test('the deflate construction really is N MiB of zeros', () => {
    const raw = zerosDeflate(3);
    const out = inflateSync(raw);
    expect(out.length).toBe(3 * MB);
    expect(out.every((b) => b === 0)).toBe(true);
    expect(raw.length).toBeLessThan(4000);
  });

  test('input above maxInputBytes', async () => {
    const big = new Uint8Array(defaultLimits.maxInputBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expectInputError(() => openDocxParts(big), 'E_TOO_LARGE', /^文件大小为 20\.1 MB，超过 20 MB 上限；/);
    const small = await smallDocx();
    expectInputError(() => openDocxParts(small, { maxInputBytes: 1000 }), 'E_TOO_LARGE');
  });

  test('too many entries in the central directory', () => {
    const files: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    for (let i = 0; i < 2000; i++) files[`word/media/image${i}.png`] = new Uint8Array(1);
    expectInputError(() => openDocxParts(zipSync(files, { level: 0 })), 'E_ZIP_BOMB', /2001 个条目，超过 2000 个的上限/);
  });

  test('honest bomb: declared 200 MB is refused before inflating anything', () => {
    const data = zerosDeflate(200);
    expect(data.length).toBeLessThan(300_000);
    const zip = writeZip([contentTypes, { name: 'word/document.xml', data, method: 8, declaredSize: 200 * MB }]);
    // refused from the declared size alone: nothing is inflated, so memory does not move
    const rss0 = process.memoryUsage().rss;
    expectInputError(() => openDocxParts(zip), 'E_ZIP_BOMB', /word\/document\.xml 声明解压后为 200 MB，超过 50 MB 上限.*已停止读取/);
    expect((process.memoryUsage().rss - rss0) / MB).toBeLessThan(50);
  });

  test('lying bomb: headers claim 9,582 bytes, 200 MB of zeros inside; stopped at 50 MB with bounded memory', () => {
    const data = zerosDeflate(200);
    const zip = writeZip([contentTypes, { name: 'word/document.xml', data, method: 8, declaredSize: 9582 }]);
    const rss0 = process.memoryUsage().rss;
    expectInputError(() => readDocx(zip), 'E_ZIP_BOMB', '文件中的 word/document.xml 解压后超过 50 MB 上限，可能是异常或恶意文件，已停止读取');
    // a memory bound, not a time bound: speed is measured in npm run bench, never asserted
    expect((process.memoryUsage().rss - rss0) / MB).toBeLessThan(300);
  });

  test('lying bomb with a lower cap, and the total cap across parts', () => {
    const zip = writeZip([contentTypes, { name: 'word/document.xml', data: zerosDeflate(8), method: 8, declaredSize: 100 }]);
    expectInputError(() => openDocxParts(zip, { maxPartBytes: 2 * MB }), 'E_ZIP_BOMB', /超过 2 MB 上限/);

    const part = (name: string) => ({ name, data: zerosDeflate(3), method: 8 as const, declaredSize: 10 });
    const many = writeZip([part('word/document.xml'), part('word/styles.xml'), part('word/header1.xml')]);
    expectInputError(() => openDocxParts(many, { maxPartBytes: 4 * MB, maxTotalBytes: 8 * MB }), 'E_ZIP_BOMB', /共超过 8 MB 上限/);
    // media entries are never inflated, whatever they claim
    const withMedia = writeZip([
      { name: 'word/document.xml', data: strToU8('<w:document/>'), method: 0, declaredSize: 13 },
      { name: 'word/media/image1.png', data: zerosDeflate(8), method: 8, declaredSize: 999 * MB },
    ]);
    expect([...unzipGuarded(withMedia, (n) => n.endsWith('.xml')).keys()]).toEqual(['word/document.xml']);
  });
});
