import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dafu, tempDir } from '../helpers/cli.js';
import { replyDocx } from '../helpers/docx.js';

const draft = (n: number) => [
  `关于市十七届人大三次会议第${n}号建议的答复`,
  '王某某代表：',
  `您提出的《关于加强校园周边交通安全的建议》（第${n}号）收悉。现答复如下：`,
  '截止目前，我局在实验小学周边新增信号灯2组，投入资金35万元。',
  '感谢您对交通工作的关心和支持。',
  '某市交通运输局',
  '2025年5月6日',
];

describe('batch report with annotated copies', () => {
  it('--annotate-dir writes a 批注版 for every .docx draft and notes it in the results', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'drafts'));
    for (const n of [11, 12]) writeFileSync(join(dir, 'drafts', `${n}.docx`), await replyDocx(draft(n)));
    writeFileSync(join(dir, 'drafts', '13.txt'), draft(13).join('\n'));
    writeFileSync(join(dir, 'items.csv'), '编号,类型,标题,提出人,主办单位,交办日期,办理期限\n11,建议,关于加强校园周边交通安全的建议,王某某,某市交通运输局,2025-03-10,2025-06-10\n12,建议,关于加强校园周边交通安全的建议,王某某,某市交通运输局,2025-03-10,2025-06-10\n13,建议,关于加强校园周边交通安全的建议,王某某,某市交通运输局,2025-03-10,2025-06-10\n');
    const r = dafu(['check', join(dir, 'drafts'), '--manifest', join(dir, 'items.csv'), '--report', join(dir, 'out'), '--annotate-dir', join(dir, 'notes'), '--jobs', '1', '--today', '2025-05-20']);
    expect([0, 1]).toContain(r.code);
    for (const n of [11, 12]) {
      const out = join(dir, 'notes', `${n}.dafu批注.docx`);
      expect(existsSync(out)).toBe(true);
      const comments = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['word/comments.xml']);
      expect(comments).toContain('截止');
    }
    expect(existsSync(join(dir, 'notes', '13.dafu批注.docx'))).toBe(false);
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    const notes = results.results.flatMap((x: { notes: string[] }) => x.notes).join('\n');
    expect(notes).toMatch(/批注版：.*11\.dafu批注\.docx/);
  });
});
