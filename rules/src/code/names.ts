import { nearest, rosterOf, unitsOf, type Example, type RosterEntry, type UnitEntry } from '@dafu/core';
import { defineRule } from './util.js';

/** Examples carry the lists they need in their config (the same shape as `config.lists`). */
const withLists = (lists: { units?: UnitEntry[]; roster?: RosterEntry[] }) => ({ lists }) as unknown as Example['config'];

const ROSTER: RosterEntry[] = [
  { name: '王海萍', kind: 'npc', unit: '市第一人民医院' },
  { name: '李建国', kind: 'npc' },
  { name: '陈晓东', kind: 'cppcc', unit: '民盟市委' },
];
const UNITS: UnitEntry[] = [
  { name: '某市交通运输局', aliases: ['市交通运输局', '市交通局'] },
  { name: '某市住房和城乡建设局', aliases: ['市住建局'] },
  { name: '某市人大常委会代表工作委员会', aliases: ['市人大常委会代表工委'] },
];

const strip = (s: string) => s.replace(/[\s\u3000]+/gu, '');
const PERSON = { npc: '代表', cppcc: '委员' } as const;

/**
 * A salutation name that is not on the roster but one character away from a roster name is a
 * misspelling of that name: 王海平代表 when the roster has 王海萍.
 */
export const proposerName = defineRule({
  id: 'proposer-name',
  category: 'format',
  severity: 'error',
  description: '称谓里的代表（委员）姓名与代表委员名单一致',
  message: '称谓里的“{match}”不在代表委员名单中，疑为“{expected}”之误。',
  note: '代表、委员的姓名必须与名单（本单位配置 lists.roster，dafu lists import 导入）一字不差；写错姓名是严重的行文错误。名单中没有、又与名单中的姓名只差一个字的，多半是写错了。',
  suggestion: '{expected}{person}：',
  // a salutation naming several people (王某、李某等代表：) may be read as the opening line
  scope: ['salutation', 'opening'],
  fixable: 'suggestion',
  examples: {
    valid: [
      { text: '关于第128号建议的答复\n王海萍代表：\n您提出的建议收悉，现答复如下：', config: withLists({ roster: ROSTER }) },
      { text: '关于第128号建议的答复\n王海萍、李建国等代表：\n您提出的建议收悉，现答复如下：', config: withLists({ roster: ROSTER }) },
      // a name far from every roster name is not called a misspelling
      { text: '关于第128号建议的答复\n赵大勇代表：\n您提出的建议收悉，现答复如下：', config: withLists({ roster: ROSTER }) },
    ],
    invalid: [
      { text: '关于第128号建议的答复\n王海平代表：\n您提出的建议收悉，现答复如下：', config: withLists({ roster: ROSTER }), excerpt: '王海平' },
      { text: '关于第56号提案的答复\n陈小东委员：\n您提出的提案收悉，现答复如下：', config: withLists({ roster: ROSTER }), excerpt: '陈小东' },
      { text: '关于第56号提案的答复\n李建国委员：\n您提出的提案收悉，现答复如下：', config: withLists({ roster: ROSTER }), excerpt: '李建国委员' },
    ],
  },
  check(ctx) {
    const roster = rosterOf(ctx.lexicons);
    if (!roster.length) return;
    // the record names someone else: salutation-name reports it with the record's name
    if (ctx.conflicts.some((c) => c.field === 'proposer')) return;
    const byName = new Map<string, RosterEntry[]>();
    for (const r of roster) byName.set(strip(r.name), [...(byName.get(strip(r.name)) ?? []), r]);
    for (const p of ctx.paragraphs(this.scope)) {
      const m = p.text.match(/^[\s\u3000]*([^\s\u3000](?:.*?[^\s\u3000])?)[\s\u3000]*(代表|委员)(?:们)?[\s\u3000]*[:：]/u);
      if (!m || (p.role !== 'salutation' && !/^[\s\u3000]*[^\s，。；！？:：]{2,40}(?:代表|委员)(?:们)?[\s\u3000]*[:：][\s\u3000]*$/u.test(p.text))) continue;
      const kind = m[2] === '代表' ? 'npc' : 'cppcc';
      // a roster of deputies only says nothing about members, and the other way round
      if (!roster.some((r) => r.kind === kind)) continue;
      let at = p.text.indexOf(m[1]);
      const single = !/[、，,]/u.test(m[1]);
      for (const raw of m[1].split(/[、，,]/u)) {
        const start = p.text.indexOf(raw, at);
        at = start + raw.length;
        // 王某某等代表: 等 ends a list of co-signers
        const written = raw.trim().replace(/等$/u, '');
        const name = strip(written);
        if (!name || /某|×|X|x|＊|\*/u.test(name)) continue;
        const from = p.offset + start + (raw.length - raw.trimStart().length);
        const found = byName.get(name);
        if (found) {
          if (!found.some((r) => r.kind === kind)) {
            const other = found[0].kind;
            // one name: the finding covers “李建国委员”; in a list of names only the name
            const title = p.text.indexOf(m[2], start + raw.length);
            const end = single && title >= 0 ? p.offset + title + m[2].length : from + written.length;
            ctx.report({ start: from, end, message: `名单中的“${name}”是${other === 'npc' ? '人大代表' : '政协委员'}，称谓应为“${name}${PERSON[other]}”。`, data: { expected: name, person: PERSON[other] } });
          }
          continue;
        }
        const close = nearest(name, roster, (r) => [strip(r.name)], 1);
        if (!close.length) continue;
        // same kind first: a 代表 is more likely to be a misspelt 代表
        close.sort((a, b) => a.distance - b.distance || Number(b.candidate.kind === kind) - Number(a.candidate.kind === kind));
        const names = [...new Set(close.map((c) => c.candidate.name))];
        const expected = names.slice(0, 3).join('”或“');
        const unit = close[0].candidate.unit && names.length === 1 ? `（${close[0].candidate.unit}）` : '';
        ctx.report({
          start: from, end: from + written.length,
          ...(names.length === 1 ? { replacement: names[0] } : {}),
          message: `称谓里的“${written}”不在代表委员名单中，疑为“${expected}”${unit}之误。`,
          data: { expected: names[0], person: PERSON[kind] },
        });
      }
    }
  },
});

/** How many edits a unit name may be off and still count as a misspelling of a listed name. */
const unitSlack = (name: string) => ([...name].length >= 8 ? 2 : [...name].length >= 5 ? 1 : 0);

/**
 * Unit names in the signoff and the 抄送 line against the unit list: a name one or two
 * characters off a listed one is a misspelling; the signoff takes the full name, not a short one.
 */
export const unitName = defineRule({
  id: 'unit-name',
  category: 'format',
  severity: 'warning',
  description: '落款和抄送的单位名称与单位名录一致（落款用全称）',
  message: '“{match}”不在单位名录中，疑为“{expected}”之误。',
  note: '落款署承办单位全称，与印章一致；抄送机关写全称或规范简称（《党政机关公文处理工作条例》第九条）。名称以本单位配置的单位名录（lists.units，dafu lists import 导入）为准。',
  suggestion: '改为“{expected}”。',
  scope: ['signoff', 'cc'],
  fixable: 'suggestion',
  examples: {
    valid: [
      { text: '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日\n抄送：市人大常委会代表工委，市住建局。', config: withLists({ units: UNITS }) },
      // a unit the list does not know and that is not close to a listed one is left alone
      { text: '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日\n抄送：市政府督查室。', config: withLists({ units: UNITS }) },
    ],
    invalid: [
      { text: '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输局\n2025年5月6日\n抄送：某市住房与城乡建设局。', config: withLists({ units: UNITS }), excerpt: '某市住房与城乡建设局' },
      { text: '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n市交通局\n2025年5月6日', config: withLists({ units: UNITS }), excerpt: '市交通局' },
      { text: '关于第128号建议的答复\n王某某代表：\n您提出的建议收悉，现答复如下：\n已完成。\n某市交通运输厅\n2025年5月6日', config: withLists({ units: UNITS }), excerpt: '某市交通运输厅' },
    ],
  },
  check(ctx) {
    const units = unitsOf(ctx.lexicons);
    if (!units.length) return;
    const full = new Map<string, UnitEntry>();
    const alias = new Map<string, UnitEntry>();
    for (const u of units) {
      full.set(strip(u.name), u);
      for (const a of u.aliases ?? []) alias.set(strip(a), u);
    }
    // the 抄送 bodies the local rules require are known names too
    const required = new Set((ctx.profile.require.cc ?? []).map(strip));
    for (const p of ctx.paragraphs(this.scope)) {
      for (const t of targets(p.text, p.role === 'cc')) {
        const name = strip(t.text);
        if (!name || full.has(name) || required.has(name)) continue;
        const start = p.offset + t.start, end = start + t.text.length;
        const short = alias.get(name);
        if (short) {
          if (p.role === 'signoff') ctx.report({ start, end, replacement: short.name, message: `落款单位“${t.text}”是简称，应写全称“${short.name}”。`, data: { expected: short.name } });
          continue;
        }
        const slack = unitSlack(name);
        if (!slack) continue;
        // 市政协办公室 is not a misspelt 市政府办公室: names of different institutions are never close
        const close = nearest(name, units, (u) => [strip(u.name), ...(u.aliases ?? []).map(strip)], slack).filter((c) => sameInstitution(name, c.key));
        if (!close.length) continue;
        const best = close.filter((c) => c.distance === close[0].distance);
        const names = [...new Set(best.map((c) => (p.role === 'signoff' ? c.candidate.name : c.key === strip(c.candidate.name) ? c.candidate.name : c.key)))];
        ctx.report({ start, end, ...(names.length === 1 ? { replacement: names[0] } : {}), data: { expected: names.slice(0, 3).join('”或“') } });
      }
    }
  },
});

const INSTITUTIONS = ['人大', '政协', '政府', '党委', '纪委', '监委', '法院', '检察院', '军分区'];
const institution = (s: string) => INSTITUTIONS.find((m) => s.includes(m));
/** False when the two names belong to different institutions (人大 vs 政协 vs 政府 …). */
function sameInstitution(a: string, b: string): boolean {
  const x = institution(a), y = institution(b);
  return !x || !y || x === y;
}

/** The unit names of a signoff line or a 抄送 line, with their offsets in the line. */
function targets(line: string, cc: boolean): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let body = line, base = 0;
  if (cc) {
    const m = line.match(/^[\s\u3000]*抄[\s\u3000]*送[\s\u3000]*[:：]/u);
    if (!m) return out;
    base = m[0].length;
    body = line.slice(base);
  }
  // 抄送 targets are separated by ，、；; a signoff line may hold two units apart by wide space
  const sep = cc ? /[，,、；;]+/gu : /[\s\u3000]{2,}/gu;
  let last = 0;
  const push = (s: number, e: number) => {
    let piece = body.slice(s, e);
    const lead = piece.length - piece.trimStart().length;
    piece = piece.trim().replace(/(?<![。．.])[。．.]+$/u, '').trim();
    if (piece) out.push({ text: piece, start: base + s + lead });
  };
  for (const m of body.matchAll(sep)) { push(last, m.index!); last = m.index! + m[0].length; }
  push(last, body.length);
  return out;
}
