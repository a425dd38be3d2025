import { basename } from 'node:path';
import type { CaseKind, CaseRole } from '@dafu/rules';
import { chineseToNumber } from '@dafu/core/document/ordinals.js';
import { numberKey, type ManifestItem } from './manifest.js';

export interface Match {
  /** index into the manifest's items */
  item: number;
  role: CaseRole;
  /** the unit that wrote the draft: the host unit, or the co-handling unit of a 会办意见 */
  unit: string;
  by: 'file' | 'number' | 'title' | 'text';
}

export const UNKNOWN_UNIT = '（未填写单位）';
export const UNKNOWN_CO_UNIT = '（未识别的会办单位）';

const stem = (file: string) => basename(file).replace(/\.[^.]+$/, '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * What a file name says: numbers (strong when written 第N号 or N号), kind words, co-handling.
 * Unit names are blanked out first for the kind words (卫生健康委员会 is not 委员, and
 * 人大常委会办公厅 is not a 建议).
 */
function nameFacts(file: string, unitNames: string[] = []) {
  const s = stem(file);
  let bare = s;
  for (const u of unitNames) if (u && bare.includes(u)) bare = bare.split(u).join('□');
  const numbers: Array<{ key: string; strong: boolean }> = [];
  for (const m of s.matchAll(/(第)?(\d+)(号)?/g)) numbers.push({ key: m[2].replace(/^0+(?=\d)/, ''), strong: !!(m[1] || m[3]) });
  for (const m of s.matchAll(/第([一二三四五六七八九十百千零〇两]+)号/g)) numbers.push({ key: String(chineseToNumber(m[1])), strong: true });
  const kind: CaseKind | undefined = /提案|政协/.test(bare) ? 'cppcc' : /建议|议案|人大/.test(bare) ? 'npc' : undefined;
  return { stem: s, numbers, kind, co: /会办|协办/.test(bare) };
}

const titleCore = (title: string) => title.normalize('NFKC').toLowerCase().replace(/[《》〈〉“”"'\s]/g, '').replace(/^关于/, '').replace(/的?(?:建议|提案|议案)$/, '');

export class Matcher {
  private byNumber = new Map<string, number[]>();
  private byFile = new Map<string, number>();
  private titles: Array<{ core: string; item: number }> = [];
  private unitNames: string[];

  constructor(private items: ManifestItem[]) {
    for (const [i, it] of items.entries()) {
      if (it.numberKey) {
        const list = this.byNumber.get(it.numberKey) ?? [];
        list.push(i);
        this.byNumber.set(it.numberKey, list);
      }
      if (it.draftFile) this.byFile.set(stem(it.draftFile), i);
      if (it.title) {
        const core = titleCore(it.title);
        if (core.length >= 4) this.titles.push({ core, item: i });
      }
    }
    // longer titles first, so a title that contains another wins
    this.titles.sort((a, b) => b.core.length - a.core.length);
    const units = new Set<string>();
    for (const it of items) for (const u of [it.unit, ...(it.coUnits ?? [])]) if (u) { units.add(u.normalize('NFKC').toLowerCase()); units.add(u.normalize('NFKC').toLowerCase().replace(/^(?:市|区|县|省)/, '')); }
    this.unitNames = [...units].filter((u) => u.length >= 2).sort((a, b) => b.length - a.length);
  }

  /** Matches a draft by its file name: the manifest's file column, then the number, then the title. */
  byName(file: string): { match?: Match; reason?: string } {
    const f = nameFacts(file, this.unitNames);
    const exact = this.byFile.get(f.stem);
    if (exact !== undefined) return { match: this.roleOf(exact, f, 'file') };
    // numbers in the name: strong ones (第N号, N号) first, then any
    for (const strongOnly of [true, false]) {
      const keys = new Set(f.numbers.filter((n) => !strongOnly || n.strong).map((n) => n.key));
      let cands = [...keys].flatMap((k) => this.byNumber.get(k) ?? []);
      // non-numeric item numbers (“A-12”) written in the name
      if (!strongOnly) for (const [k, list] of this.byNumber) if (!/^\d+$/.test(k) && k.length >= 2 && f.stem.includes(k)) cands.push(...list);
      cands = [...new Set(cands)];
      if (cands.length > 1 && f.kind) {
        const sameKind = cands.filter((i) => this.items[i].kind === f.kind);
        if (sameKind.length) cands = sameKind;
      }
      if (cands.length === 1) return { match: this.roleOf(cands[0], f, 'number') };
      if (cands.length > 1) {
        const list = cands.slice(0, 5).map((i) => `${this.items[i].kind === 'cppcc' ? '提案' : this.items[i].kind === 'npc' ? '建议' : ''}第${this.items[i].number}号`).join('、');
        return { reason: `文件名中的编号对应清单中的多件（${list}${cands.length > 5 ? ' 等' : ''}），请在文件名中注明“建议”或“提案”。` };
      }
    }
    const t = this.titles.find((x) => f.stem.includes(x.core));
    if (t) return { match: this.roleOf(t.item, f, 'title') };
    return { reason: f.numbers.length ? '文件名中的编号在清单中找不到。' : '文件名中没有编号或标题，无法与清单对应。' };
  }

  /** Matches a draft by what its text says (第N号建议/提案), after checking. */
  byText(file: string, stated: { number?: string; kind?: CaseKind }): Match | undefined {
    const key = numberKey(stated.number);
    if (!key) return undefined;
    let cands = this.byNumber.get(key) ?? [];
    if (stated.kind) cands = cands.filter((i) => !this.items[i].kind || this.items[i].kind === stated.kind);
    return cands.length === 1 ? this.roleOf(cands[0], nameFacts(file, this.unitNames), 'text') : undefined;
  }

  /** Host reply or 会办意见: a co-handling unit named in the file name, or 会办/协办 in it. */
  private roleOf(i: number, f: ReturnType<typeof nameFacts>, by: Match['by']): Match {
    const it = this.items[i];
    const host = it.unit ?? UNKNOWN_UNIT;
    const named = it.coUnits?.find((u) => f.stem.includes(u.normalize('NFKC').toLowerCase()));
    const hostNamed = it.unit && f.stem.includes(it.unit.normalize('NFKC').toLowerCase());
    if (it.role === 'co' && !named) return { item: i, role: 'co', unit: host, by };
    if ((named && !hostNamed) || (f.co && it.coUnits?.length)) {
      const unit = named ?? (it.coUnits?.length === 1 ? it.coUnits[0] : UNKNOWN_CO_UNIT);
      return { item: i, role: 'co', unit, by };
    }
    return { item: i, role: it.role ?? 'host', unit: host, by };
  }
}

/** The item a draft's text names: 第N号 in its title (or opening), and 建议/提案. */
export function statedInText(text: string): { number?: string; kind?: CaseKind; unit?: string } {
  const head = text.slice(0, 600);
  const out: { number?: string; kind?: CaseKind; unit?: string } = {};
  const m = head.match(/第[\s\u3000]*([0-9０-９]+|[一二三四五六七八九十百零〇]+)[\s\u3000]*号[\s\u3000]*(建议|提案|议案)?/u);
  if (m) {
    out.number = /^[0-9０-９]+$/.test(m[1]) ? m[1].normalize('NFKC') : String(chineseToNumber(m[1]));
    const kind: CaseKind | undefined = m[2] === '提案' ? 'cppcc' : m[2] ? 'npc' : /提案/.test(head) ? 'cppcc' : /建议|议案/.test(head) ? 'npc' : undefined;
    if (kind) out.kind = kind;
  }
  // the signing unit: a unit-like line among the last lines (for grouping drafts without a manifest)
  const tail = text.slice(-800).split('\n').map((l) => l.trim()).filter(Boolean).slice(-8);
  const unit = tail.reverse().find((l) => l.length <= 40 && /^[\p{Script=Han}（）()]{2,40}(?:局|委员会|委|办公室|办|厅|院|中心|公司|政府|部|处|站|所|队|集团|管委会|街道办事处|街道|镇|乡|会)$/u.test(l));
  if (unit) out.unit = unit;
  return out;
}
