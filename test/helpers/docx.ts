import { AlignmentType, Document, Footer, LevelFormat, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export type DocOptions = ConstructorParameters<typeof Document>[0];

/** A .docx from the `docx` package's options. */
export async function pack(opts: DocOptions): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document(opts)));
}

/** Rewrites parts of a .docx (string → string) where the package cannot say something, and zips it again. */
export function patch(bytes: Uint8Array, edits: Record<string, (xml: string) => string>): Uint8Array {
  const files = unzipSync(bytes);
  for (const [name, edit] of Object.entries(edits)) {
    const old = files[name] ? strFromU8(files[name]) : '';
    const next = edit(old);
    if (next === old) throw new Error(`patch of ${name} changed nothing`);
    files[name] = strToU8(next);
  }
  return zipSync(files);
}

/** One part of a .docx as text. */
export const part = (bytes: Uint8Array, name: string) => strFromU8(unzipSync(bytes)[name]);

/**
 * Builds a reply letter as a real .docx the way a unit's Word file looks: title 2号 小标宋
 * centred, body 3号 仿宋_GB2312 with a 2-character first-line indent and 28 pt exact line
 * spacing, headings "一、" as Word auto-numbering (so the label is not in the text), and a
 * page number in the footer. Lines starting with "#1 " become auto-numbered level-1 headings.
 */
export async function replyDocx(lines: string[], opts: { autoNumber?: boolean; font?: string } = {}): Promise<Uint8Array> {
  const body = { eastAsia: opts.font ?? '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
  const spacing = { line: 560, lineRule: LineRuleType.EXACT };
  const children = lines.map((line, i) => {
    if (i === 0 && /答复|意见/.test(line)) {
      return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [new TextRun({ text: line, font: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman' }, size: 44 })] });
    }
    const auto = line.match(/^#(\d) (.*)$/);
    if (auto && opts.autoNumber !== false) {
      return new Paragraph({ numbering: { reference: 'cn-headings', level: Number(auto[1]) - 1 }, spacing, indent: { firstLine: 640 }, children: [new TextRun({ text: auto[2], font: { eastAsia: Number(auto[1]) === 1 ? '黑体' : '楷体_GB2312', ascii: 'Times New Roman' }, size: 32 })] });
    }
    return new Paragraph({ spacing, indent: { firstLine: 640 }, children: [new TextRun({ text: line, font: body, size: 32 })] });
  });
  const doc = new Document({
    numbering: {
      config: [{
        reference: 'cn-headings',
        levels: [
          { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
          { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
        ],
      }],
    },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
      children,
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
