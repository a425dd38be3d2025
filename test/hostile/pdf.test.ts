/**
 * Issue 8, PDF drafts: the text layer is extracted and checked with a note that layout checks are
 * skipped; a scan gets "扫描件无法检查文字"; a PDF is never rewritten by --fix. Wrapped lines are
 * found from the advances the PDF's fonts declare, so real exports are tested with each CJK font
 * LibreOffice may fall back to (.docx → .pdf → the same paragraphs as the .docx), and built PDFs
 * with proportional digits.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createChecker, isInputError } from '../../rules/src/index.js';
import { dafu, json, ROOT, tempDir } from '../helpers/cli.js';
import { replyDocx } from '../helpers/docx.js';
import { fuzzParams } from '../fuzz/drafts.js';
import { GOOD_LINES, chinesePdf, scannedPdf, typesetPdf } from './corpus.js';
import { brokenInvariants } from './invariants.js';

const checker = createChecker();
const TODAY = '2025-05-20';
const check = (bytes: Uint8Array, name: string) => checker.check({ bytes, name, context: { today: TODAY } });
const LINES = [...GOOD_LINES.slice(0, 4), '截止目前，我局已完成改造12处,投入资金35万元。', ...GOOD_LINES.slice(4)];
/** long numbers: a line wraps well short of the margin when the next one does not fit */
const NUMBERS = [
  ...GOOD_LINES.slice(0, 4),
  '2024年全市共投入城市更新资金1250000000元，完成老旧小区改造111个，新增停车泊位10110个，改造雨污管网1001.5公里，惠及居民100010户，其中低收入家庭11011户。',
  '截至2025年4月底，全市已建成口袋公园101个、绿道1100.8公里，公园绿地服务半径覆盖率达到90.1%，较2020年提高11.1个百分点，人均公园绿地面积达到15.01平方米。',
  '全市统筹安排城市更新专项资金1000000000元，其中中央补助资金200000000元、省级补助资金300000000元、市级配套资金500000000元，已全部按期拨付。',
  ...GOOD_LINES.slice(4),
];

describe('a PDF with a text layer', () => {
  test('reads back the paragraphs of the letter (centred title, indented first lines, wrapped lines, right-aligned signoff)', () => {
    const r = check(chinesePdf(LINES), 'reply.pdf');
    expect(r.document.source.format).toBe('pdf');
    expect(r.document.paragraphs.map((p) => p.text)).toEqual(LINES);
    expect(r.document.notes?.join()).toMatch(/文字层.*版式检查.*已跳过/);
    expect(brokenInvariants(r)).toEqual([]);
  });

  test.each([
    ['ragged right', {}],
    ['justified by Tc', { justify: 'Tc' }],
    ['justified by TJ, condensed by Tz', { justify: 'TJ', tz: 90 }],
    ['under a scaled CTM', { scale: 0.75 }],
  ] as const)('wrapped lines are found from the advances the fonts declare (/W, proportional digits in /Widths): %s', (_, opts) => {
    const r = check(typesetPdf(NUMBERS, opts), 'reply.pdf');
    expect(r.document.paragraphs.map((p) => p.text)).toEqual(NUMBERS);
  });

  test('gets the same text findings as the same letter in a .txt', () => {
    const pdf = check(chinesePdf(LINES), 'reply.pdf');
    const txt = checker.check({ text: LINES.join('\n'), name: 'reply.txt', context: { today: TODAY } });
    const shape = (r: typeof pdf) => r.messages.map((m) => `${m.ruleId}|${m.line}:${m.column}|${m.excerpt}`);
    expect(shape(pdf)).toEqual(shape(txt));
    expect(pdf.messages.some((m) => m.ruleId === 'jiezhi-jiezhi')).toBe(true);
  });

  test('a scan (images only) is refused with “扫描件无法检查文字”', () => {
    try {
      check(scannedPdf(), 'scan.pdf');
      expect.unreachable();
    } catch (e) {
      expect(isInputError(e) && e.code).toBe('E_PDF');
      expect((e as Error).message).toMatch(/扫描件无法检查文字/);
    }
  });

  test('dafu check reports it with the note, and --fix never rewrites a PDF', () => {
    const dir = tempDir();
    const file = join(dir, 'reply.pdf');
    const bytes = chinesePdf(LINES);
    writeFileSync(file, bytes);
    const r = dafu(['check', file, '--format', 'json', '--today', TODAY]);
    const res = json(r.stdout).results[0] as ReturnType<typeof json>['results'][number] & { notes: string[] };
    expect(res.error).toBeNull();
    expect(res.notes.join()).toMatch(/版式检查.*已跳过/);
    const fixed = dafu(['check', file, '--fix', '--today', TODAY]);
    expect(fixed.stderr).toMatch(/PDF 文件不会被改写/);
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
  });

  test('mutated PDFs: checked, or refused with an InputError — never a crash', () => {
    const good = chinesePdf(LINES);
    const edit = fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'zero'));
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      let b = new Uint8Array(good);
      for (const [pos, byte, kind] of edits) {
        const i = Math.min(pos, b.length - 1);
        if (kind === 'flip') b[i] ^= byte || 1;
        else if (kind === 'cut') b = b.subarray(0, Math.max(1, i));
        else b.fill(0, i, i + 32);
      }
      try {
        expect(brokenInvariants(check(b, 'm.pdf'))).toEqual([]);
      } catch (e) {
        if (!isInputError(e)) throw e;
      }
    }), fuzzParams(150));
  });
});

const soffice = ['soffice', 'libreoffice'].some((n) => spawnSync('which', [n]).status === 0);

/**
 * The CJK fonts LibreOffice falls back to for 仿宋, 宋体 and 黑体 on a machine without them (.ci/run
 * installs both packages): a family to find the package's folder by, and the names it embeds.
 */
const FALLBACKS = [
  { pkg: 'fonts-noto-cjk', family: 'Noto Serif CJK SC', embedded: /Noto(Serif|Sans)CJK/ },
  { pkg: 'fonts-wqy-zenhei', family: 'WenQuanYi Zen Hei', embedded: /WenQuanYiZenHei/ },
];

/**
 * A fontconfig file under dir that shows only the folders holding a family's files (its package's
 * fonts), whatever else is installed. (Folders, not links to the files: LibreOffice finds no fonts
 * through links.)
 */
function onlyFontsOf(family: string, dir: string): string | undefined {
  const list = spawnSync('fc-list', ['-f', '%{file}\n', `:family=${family}`], { encoding: 'utf8' });
  const dirs = [...new Set((list.stdout ?? '').split('\n').filter(Boolean).map((f) => dirname(f)))];
  if (!dirs.length) return undefined;
  const conf = join(dir, 'fonts.conf');
  writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>${dirs.map((d) => `<dir>${d}</dir>`).join('')}<cachedir>${dir}/fontconfig</cachedir></fontconfig>`);
  return conf;
}

describe.skipIf(!soffice)('real exports (LibreOffice installed)', () => {
  test.each(FALLBACKS)('the example letters exported to PDF with only the fonts of $pkg read back the same paragraphs and text findings as the .docx', async ({ family, pkg, embedded }) => {
    const dir = tempDir('dafu-pdf-export-');
    const fontsConf = onlyFontsOf(family, dir);
    expect(fontsConf, `${family} is not installed (apt-get install ${pkg}; .ci/run installs it)`).toBeDefined();
    const docs = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.docx')).map((f) => join(ROOT, 'examples', f));
    docs.push(join(dir, 'numbers-letter.docx')); // two pages, long numbers
    writeFileSync(docs[docs.length - 1], await replyDocx(NUMBERS, { autoNumber: false }));
    const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, ...docs], { env: { ...process.env, FONTCONFIG_FILE: fontsConf }, timeout: 120_000, stdio: 'ignore' });
    expect(r.status).toBe(0);
    for (const docx of docs) {
      const name = basename(docx).replace(/\.docx$/, '.pdf');
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      // the export used those fonts and nothing else
      const fonts = [...new Set(Buffer.from(bytes).toString('latin1').match(/\/BaseFont\s*\/[^\s/<>[\]]+/g))];
      expect(fonts.length, name).toBeGreaterThan(0);
      expect(fonts.filter((f) => !embedded.test(f)), name).toEqual([]);
      const pdf = check(bytes, name);
      const word = check(new Uint8Array(readFileSync(docx)), docx);
      expect(pdf.document.paragraphs.map((p) => p.text), name).toEqual(word.document.paragraphs.map((p) => p.text));
      const textRules = (x: typeof pdf) => x.messages.filter((m) => !checker.rules.find((rule) => rule.meta.id === m.ruleId)?.meta.requires?.includes('docx')).map((m) => `${m.ruleId}|${m.excerpt}`);
      expect(textRules(pdf), name).toEqual(textRules(word));
    }
  }, 180_000);
});
