/**
 * The 答复提纲 as a document: built from the suggestion's text, the case and the config, and written
 * as a GB/T 9704 .docx. No Node modules: the offline page (web/) builds the same outline and file.
 */
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, type IParagraphOptions } from 'docx';
import { buildOutline, type CaseContext, type DafuConfig, type Outline, type OutlineParagraph } from '@dafu/rules';

/**
 * The outline of a suggestion: the case (what the caller knows, over the config's kind and role),
 * the config's profile, and the body-only form when the config checks system-form replies.
 */
export function outlineOf(suggestion: string, known: CaseContext, config: DafuConfig): Outline {
  const context: CaseContext = { ...(config.kind ? { kind: config.kind } : {}), ...(config.role ? { role: config.role } : {}), ...known };
  if (context.role === 'split') context.role = 'host'; // a split unit answers its part as a host does
  const formMode = config.mode === 'system-form' || [config.preset ?? []].flat().includes('system-form');
  return buildOutline({ suggestion, context, profile: config.profile, mode: formMode ? 'system-form' : 'letter' });
}

// ------------------------------------------------------------------ .docx (GB/T 9704)

/** 1 pt = 20 twips; a character of 三号 (16 pt) is 320 twips wide. */
const CHAR = 320;
const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const FONTS: Partial<Record<OutlineParagraph['role'], string>> = { title: '方正小标宋简体', heading1: '黑体', heading2: '楷体_GB2312' };
/** fixed 28 pt line spacing: 22 lines a page */
const SPACING = { line: 560, lineRule: LineRuleType.EXACT };

function docxParagraph(p: OutlineParagraph): Paragraph {
  const font = FONTS[p.role] ? { ...BODY_FONT, eastAsia: FONTS[p.role]! } : BODY_FONT;
  const size = p.role === 'title' ? 44 : p.role === 'cc' ? 28 : 32; // half-points: 二号, 四号, 三号
  const run = new TextRun({ text: p.text, font, size, bold: false });
  const layout: IParagraphOptions =
    p.role === 'title' ? { alignment: AlignmentType.CENTER, spacing: { ...SPACING, after: 560 } }
    : p.role === 'signoff' || p.role === 'date' ? { alignment: AlignmentType.RIGHT, spacing: SPACING, indent: { right: 4 * CHAR } }
    : p.role === 'docNumber' ? { alignment: AlignmentType.RIGHT, spacing: SPACING }
    : p.role === 'salutation' || p.role === 'classMark' || p.role === 'signer' || p.role === 'publicity' ? { spacing: SPACING }
    : p.role === 'cc' ? { spacing: SPACING, indent: { left: CHAR, right: CHAR } }
    : { spacing: SPACING, indent: { firstLine: 2 * CHAR } };
  return new Paragraph({ ...layout, children: [run] });
}

/**
 * The outline as a Word letter laid out as GB/T 9704 asks (what the gbt9704 rules check): A4,
 * margins 37/35/28/26 mm, title 二号 方正小标宋简体 centred, body 三号 仿宋_GB2312 with a first-line
 * indent of two characters, 一级标题 黑体, fixed 28 pt line spacing, 落款 and date on the right, the
 * page number in the footer. The default style is the body's, so text typed over a placeholder
 * keeps the layout.
 */
export async function outlineDocx(outline: Outline): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'dafu',
    title: outline.paragraphs.find((p) => p.role === 'title')?.text ?? '答复提纲',
    styles: { default: { document: { run: { font: BODY_FONT, size: 32 }, paragraph: { spacing: SPACING } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }, size: 28 })] })] }) },
      children: outline.paragraphs.map(docxParagraph),
    }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
