/**
 * A generated reviewer's batch: items of 8 units (建议 and 提案 with overlapping numbers), one
 * draft per item with a known flaw (or none), some items without a draft, a 会办意见 or two,
 * a draft only its text can place, drafts the manifest does not list, and broken files.
 *
 * Plain ESM so both the vitest test (test/batch/batch.test.ts) and the bench
 * (test/bench/batch.mjs) can use it. It only describes the batch; the caller writes the files
 * (with its own .docx builder) and computes what it expects.
 */

export const UNITS = ['市交通运输局', '市教育局', '市卫生健康委员会', '市住房和城乡建设局', '市生态环境局', '市民政局', '市农业农村局', '市公安局'];
const TOPICS = ['加强校园周边交通安全', '增加公交线路覆盖', '推进老旧小区加装电梯', '改善农村饮水安全', '加快社区养老服务设施建设', '规范校外培训机构管理', '治理城区噪声污染', '完善基层医疗卫生服务', '推进垃圾分类工作', '加强农贸市场管理', '优化停车泊位供给', '保护历史文化街区'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['建国', '海燕', '志强', '秀英', '晓明', '丽华', '文军', '春梅', '德胜', '玉兰'];

/** Deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * The lines of a reply letter; `flaw` is good | nocontact | typo | stock. Risk: good low,
 * typo medium, nocontact/stock high. `autoNumber`: headings as "#1 …" lines, which
 * test/helpers/docx.ts turns into Word auto-numbered 黑体 headings (so the label is not text).
 */
export function replyLines({ kind, number, proposer, title, unit, flaw = 'good', autoNumber = false }) {
  const head = kind === 'npc' ? `关于市十七届人大三次会议第${number}号建议的答复` : `关于市政协十三届三次会议第${number}号提案的答复`;
  let lines = [
    head,
    `${proposer}${kind === 'npc' ? '代表' : '委员'}：`,
    `您提出的《${title}》（第${number}号）收悉。现答复如下：`,
    autoNumber ? '#1 关于增设交通设施' : '一、关于增设交通设施',
    '2025年4月，我局在实验小学周边新增信号灯2组、减速带6条，投入资金35万元。',
    autoNumber ? '#1 关于加强上下学时段管理' : '二、关于加强上下学时段管理',
    '市公安局交警支队自2025年3月起在上下学时段安排警力4名，已查处违停车辆126辆次。',
    `2025年4月8日，我局副局长李某带队到实验小学与您面商，现场查看了路口情况，您对整改方案表示认可。`,
    '感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。',
    unit,
    '2025年5月6日',
    '联系人：张某某，联系电话：0571-87001234',
  ];
  if (flaw === 'nocontact') lines = lines.filter((l) => !l.includes('面商'));
  if (flaw === 'typo') lines = lines.map((l) => l.replace('2025年4月，我局', '截止2025年4月，我局').replace('新增信号灯2组', '新增新增信号灯2组').replace('关心和支持，', '关心和支持,'));
  if (flaw === 'stock') lines = lines.map((l) => (l.startsWith('2025年4月，') ? '我局高度重视，认真研究，积极协调，争取尽快解决有关问题。' : l.startsWith('市公安局交警') ? '下一步，我局将进一步加强管理，适时开展专项整治。' : l));
  return lines;
}

/** A co-handling unit's opinion to the host unit (会办意见); checks clean (low risk). */
export function coOpinionLines({ number, proposer, title, host, unit }) {
  return [
    `关于市十七届人大三次会议第${number}号建议的会办意见`,
    `${host}：`,
    `${proposer}代表提出的《${title}》（第${number}号）收悉。经研究，现将我局会办意见函告如下：`,
    '2025年4月，我局在实验小学周边安排警力4名，已查处违停车辆126辆次，新设临时停车泊位30个。',
    `2025年4月8日，我局与${proposer}代表电话沟通，代表对措施表示认可。`,
    unit,
    '2025年5月6日',
    '联系人：李某某，联系电话：0571-87005678',
  ];
}

export const RISK_OF = { good: 'low', typo: 'medium', nocontact: 'high', stock: 'high' };

/**
 * @param {{ seed?: number, perUnit?: number[], today?: string, extras?: boolean }} opts
 * perUnit: items per unit (default 34…22, 216 items). extras: 会办意见, text-matched,
 * unmatched and broken files (default true; the bench turns them off).
 */
export function makeCorpus(opts = {}) {
  const random = rng(opts.seed ?? 20250615);
  const perUnit = opts.perUnit ?? [34, 30, 28, 27, 26, 25, 24, 22];
  const extras = opts.extras ?? true;
  const items = [];
  const drafts = [];
  const next = { npc: 1, cppcc: 1 };
  perUnit.forEach((count, u) => {
    const unit = UNITS[u % UNITS.length];
    const pHigh = 0.08 + 0.06 * u;
    for (let j = 0; j < count; j++) {
      const kind = (j + u) % 3 === 0 ? 'cppcc' : 'npc';
      const number = next[kind]++;
      const topic = TOPICS[(j * 7 + u) % TOPICS.length];
      const title = `关于${topic}的${kind === 'npc' ? '建议' : '提案'}`;
      const proposer = SURNAMES[(j + u * 3) % SURNAMES.length] + GIVEN[(j * 3 + u) % GIVEN.length];
      // deadlines: overdue, due soon, later; some only an assignment date (deadline = +3 months)
      const r = random();
      let assigned = '2025-03-01', deadline;
      if (r < 0.12) deadline = iso(2025, 6, 1 + (j % 14));
      else if (r < 0.22) deadline = iso(2025, 6, 15 + (j % 16));
      else if (r < 0.27) { assigned = '2025-03-10'; deadline = undefined; } // → 2025-06-10, overdue
      else if (r < 0.30) { assigned = '2025-05-20'; deadline = undefined; } // → 2025-08-20
      else deadline = iso(2025, 8, 31);
      const closed = deadline !== undefined && deadline < '2025-06-15' && j % 9 === 4; // 已办结: not overdue
      const coUnits = u === 0 && j < 2 ? [UNITS[7]] : [];
      items.push({ number, kind, title, proposer, unit, coUnits, assigned, deadline, class: 'A', closed, suggestion: j % 10 === 3 ? `${topic}问题群众反映强烈。建议：一是增设交通设施；二是加强上下学时段管理。` : undefined });
      const index = items.length - 1;
      // items without a draft (with extras): (u % 3) per unit, the last ones
      if (extras && j >= count - (u % 3)) continue;
      const w = kind === 'npc' ? '建议' : '提案';
      const names = [`第${number}号${w}答复.docx`, `${unit.replace(/^市/, '')}-${w}${pad(number, 4)}号答复稿.docx`, `${w}_${number}_答复.docx`, `2025年第${number}号${w}的答复.docx`];
      let name = names[j % names.length];
      const rr = random();
      const flaw = rr < pHigh / 2 ? 'nocontact' : rr < pHigh ? 'stock' : rr < pHigh + 0.15 ? 'typo' : 'good';
      let type = 'docx';
      if (extras && j === 5 && u % 2 === 1) type = ['ole', 'zip', 'empty', 'ole'][(u - 1) / 2]; // broken files in units 1, 3, 5, 7
      if (type === 'ole') name = name.replace(/\.docx$/, '.doc');
      if (extras && u === 2 && j === 7) name = '补充材料-修改稿.docx'; // only the text says which item
      drafts.push({ name, type, item: index, unit, role: 'host', flaw: type === 'docx' ? flaw : null, by: name.startsWith('补充') ? 'text' : 'name' });
    }
  });
  if (extras) {
    // 会办意见 by 市公安局 on two items of 市交通运输局
    for (const index of items.flatMap((it, i) => (it.coUnits.length && it.kind === 'npc' ? [i] : []))) {
      const it = items[index];
      drafts.push({ name: `第${it.number}号建议会办意见-${it.coUnits[0]}.docx`, type: 'docx', item: index, unit: it.coUnits[0], role: 'co', flaw: 'co', by: 'name' });
    }
    // drafts the manifest does not list
    drafts.push({ name: '第9001号建议答复.docx', type: 'docx', item: null, unit: null, role: 'host', flaw: 'good', by: null, stated: { kind: 'npc', number: 9001, proposer: '钱某某', title: '关于增设公共厕所的建议', unit: UNITS[0] } });
    drafts.push({ name: '答复稿草稿.docx', type: 'docx', item: null, unit: null, role: 'host', flaw: 'nocontact', by: null, stated: { kind: 'cppcc', number: 9002, proposer: '孙某某', title: '关于发展夜间经济的提案', unit: UNITS[1] } });
  }
  return { units: UNITS.slice(0, perUnit.length), items, drafts };
}

/** The text lines of a generated draft (autoNumber: see replyLines). */
export function draftLines(corpus, d, { autoNumber = false } = {}) {
  if (d.stated) return replyLines({ ...d.stated, flaw: d.flaw, autoNumber });
  const it = corpus.items[d.item];
  if (d.role === 'co') return coOpinionLines({ number: it.number, proposer: it.proposer, title: it.title, host: it.unit, unit: d.unit });
  return replyLines({ kind: it.kind, number: it.number, proposer: it.proposer, title: it.title, unit: it.unit, flaw: d.flaw, autoNumber });
}

/** Bytes of a broken file: an old Word (OLE2) header, a truncated zip, or nothing. */
export function brokenBytes(type, docxBytes) {
  if (type === 'ole') { const b = new Uint8Array(4096); b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); return b; }
  if (type === 'zip') return docxBytes.subarray(0, Math.floor(docxBytes.length / 3));
  return new Uint8Array();
}
