/**
 * The reply letter (.docx) the browser e2e tests upload through the page's file input: a short
 * letter whose body has the same flaws as the text they type (e.g. "截止目前"), so the checker
 * has something to report in it.
 */
import { writeFileSync } from 'node:fs';
import { Document, Packer, Paragraph, TextRun } from 'docx';

const LINES = [
  '关于市十七届人大三次会议第0137号建议的答复',
  '王某某代表：',
  '你提出的关于优化城区公交线路的建议收悉。截止目前，我局高度重视，将认真研究。',
  '××市交通运输局',
  '2025年5月20日',
];

/** Writes the letter to `path` (name it e.g. 答复函-0137.docx: the panel shows the file name). */
export async function makeReplyLetterDocx(path: string): Promise<void> {
  const doc = new Document({ sections: [{ children: LINES.map((t) => new Paragraph({ children: [new TextRun({ text: t, font: { eastAsia: '仿宋_GB2312' }, size: 32 })] })) }] });
  writeFileSync(path, await Packer.toBuffer(doc));
}
