/**
 * readDocxParts reads parts with the light XML parser (xml.ts) for plain checks and with
 * xmldom when a trace is asked for (the annotator needs a real DOM). Both must give the reader
 * exactly the same content: same paragraphs, text, facts and sections, over many kinds of file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AlignmentType, Footer, Header, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, Textbox } from 'docx';
import { openDocxParts } from '../../core/src/processors/guard.js';
import { readDocxParts } from '../../core/src/processors/docx.js';
import { pack, patch, replyDocx } from '../helpers/docx.js';
import { reply, wpsReply } from '../layout/fixtures.js';
import { draftLines, makeCorpus } from '../batch/corpus.mjs';

const ROOT = join(import.meta.dirname, '../..');
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';

function expectSame(bytes: Uint8Array): string[] {
  const parts = openDocxParts(bytes);
  const light = readDocxParts(parts).content;
  const dom = readDocxParts(parts, undefined, { trace: true }).content;
  expect(light).toEqual(dom);
  expect(light.paragraphs.length).toBeGreaterThan(0);
  return light.paragraphs.map((p) => p.text);
}

const injectBody = (raw: string) => ({ 'word/document.xml': (x: string) => x.replace('<w:body>', `<w:body>${raw}`) });

describe('light parser and xmldom give readDocx the same content', () => {
  test('examples/*.docx', () => {
    const dir = join(ROOT, 'examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.docx'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expectSame(new Uint8Array(readFileSync(join(dir, f))));
  });

  test('layout fixtures: Word-style and WPS-style replies in their variants', async () => {
    const variants = [
      await reply(),
      await reply({ spacing: 'single', sameFontEverywhere: true, header: '页眉文字', footer: true }),
      await reply({ headingIndent: false, level: { run: { bold: true } }, title: { bold: true, align: AlignmentType.LEFT } }),
      await wpsReply(),
      await wpsReply({ allSlots: true, sizeOnlyContact: true, spacing: 'single' }),
    ];
    for (const bytes of variants) expectSame(bytes);
  });

  test('batch corpus drafts (auto-numbered and typed headings)', async () => {
    const corpus = makeCorpus({ perUnit: [3, 3, 3, 3, 3, 3, 3, 3], extras: false, seed: 5 });
    for (const d of corpus.drafts.slice(0, 12)) {
      expectSame(await replyDocx(draftLines(corpus, d, { autoNumber: true })));
      expectSame(await replyDocx(draftLines(corpus, d)));
    }
  });

  test('tables, text boxes, headers and footers, fields', async () => {
    const bytes = await pack({
      sections: [{
        headers: { default: new Header({ children: [new Paragraph('页眉')] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页'] })] })] }) },
        children: [
          new Paragraph('正文'),
          new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('单元格一')] }), new TableCell({ children: [new Paragraph('单元格二')] })] })] }),
          new Paragraph({ children: [new Textbox({ children: [new Paragraph('文本框')], style: { width: '100pt', height: '50pt' } })] }),
        ],
      }],
    });
    expectSame(bytes);
    const raw =
      '<w:p><w:r><w:t>锚</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>' +
      '<w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent>' +
      '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>' +
      '<w:p><w:r><w:t>见</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第三条</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';
    expectSame(patch(bytes, injectBody(raw)));
  });

  test('XML the package never writes: entities, CDATA, comments, PIs, line ends, namespace spellings', async () => {
    const base = await replyDocx(['关于第1号建议的答复', '张某代表：', '正文一段。', '某市交通运输局']);
    const raw =
      '<!-- a comment --><?custom pi?><w:p><w:r><w:t xml:space="preserve">A &amp; B &lt;C&gt; &#20013;&#x6587; &quot;q&apos;</w:t></w:r><w:r><w:t> &nbsp;&amp &#0;</w:t></w:r>' +
      '<w:r><w:t><![CDATA[<甲> & 乙]]></w:t></w:r><w:r><w:t>行一\r\n行二\r行三\u2028行四</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:jc\r\n\tw:val="center" /></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="黑&#20307;"/></w:rPr><w:t>居中</w:t></w:r></w:p>';
    expect(expectSame(patch(base, injectBody(raw))).slice(0, 2)).toEqual([`A & B <C> 中文 "q' &nbsp;&amp \0<甲> & 乙行一\n行二\n行三\n行四`, '居中']);
    // the main namespace as the default namespace instead of the w: prefix, and in its strict spelling
    expectSame(patch(base, { 'word/document.xml': (x) => x.replace(/<(\/?)w:/g, '<$1').replace(`xmlns:w="${W}"`, `xmlns="${W}" xmlns:w="${W}"`) }));
    expectSame(patch(base, { 'word/document.xml': (x) => x.replaceAll(W, W_STRICT), 'word/styles.xml': (x) => x.replaceAll(W, W_STRICT) }));
  });

  test('broken optional parts read as missing by both; a broken document.xml is E_CORRUPT_ZIP for both', async () => {
    const base = await replyDocx(['关于第1号建议的答复', '正文。']);
    expectSame(patch(base, { 'word/styles.xml': (x) => x.replace('</w:styles>', '') }));
    expectSame(patch(base, { 'word/numbering.xml': (x) => x + '<junk/>' }));
    const broken = openDocxParts(patch(base, { 'word/document.xml': (x) => x.replace('</w:body>', '') }));
    for (const trace of [false, true]) {
      expect(() => readDocxParts(broken, undefined, { trace })).toThrowError(expect.objectContaining({ code: 'E_CORRUPT_ZIP' }));
    }
  });

  test('limits give the same error with both parsers', async () => {
    const base = await replyDocx(['关于第1号建议的答复', '正文。']);
    const deep = openDocxParts(patch(base, injectBody(`${'<w:sdt><w:sdtContent>'.repeat(600)}${'</w:sdtContent></w:sdt>'.repeat(600)}`)));
    const errors = [false, true].map((trace) => {
      try { readDocxParts(deep, undefined, { trace }); } catch (e) { return [(e as { code: string }).code, (e as Error).message]; }
      return null;
    });
    expect(errors[0]).toEqual(['E_TOO_LARGE', expect.stringMatching(/嵌套超过 1000 层/)]);
    expect(errors[1]).toEqual(errors[0]);
    const parts = openDocxParts(base);
    const tags = [false, true].map((trace) => {
      try { readDocxParts(parts, { maxXmlTags: 20 }, { trace }); } catch (e) { return [(e as { code: string }).code, (e as Error).message]; }
      return null;
    });
    expect(tags[0]).toEqual(['E_TOO_LARGE', expect.stringMatching(/超过 20 个 XML 标签/)]);
    expect(tags[1]).toEqual(tags[0]);
  });
});
