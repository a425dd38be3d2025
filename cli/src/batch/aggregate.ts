import type { Category, CaseKind } from '@dafu/rules';
import { CATEGORIES } from '@dafu/core/engine/types.js';
import { addMonths, dayNumber } from './dates.js';
import type { ManifestItem } from './manifest.js';
import type { Match } from './match.js';
import type { JsonResult } from '../report/json.js';

/** One draft as the spool holds it: where it belongs and its JSON-contract result. */
export interface DraftRecord {
  index: number;
  /** absolute path */
  path: string;
  item: number | null;
  unit: string;
  role: string | null;
  matchedBy: Match['by'] | null;
  unmatchedReason?: string;
  /** another draft was already matched to the same item and unit */
  duplicate?: boolean;
  cached: boolean;
  ms: number;
  /** what the text says about its item and unit (kept for the cache) */
  stated?: { number?: string; kind?: CaseKind; unit?: string };
  result: JsonResult;
}

export interface RuleCount { ruleId: string; description: string; category: string; count: number; drafts: number }

export interface UnitStats {
  unit: string;
  /** items the unit handles: items it hosts, plus items it co-handles with a 会办意见 in the batch */
  items: number;
  hostItems: number;
  coItems: number;
  /** draft files attributed to the unit */
  drafts: number;
  checked: number;
  unreadable: number;
  /** items the unit hosts that have no draft in the batch */
  missing: number;
  findings: { total: number; error: number; warning: number; info: number; byCategory: Record<Category, number> };
  risk: { high: number; medium: number; low: number };
  /** items with a high-risk draft */
  highItems: number;
  /** predicted return ratio, "3/26": items with a high-risk draft / items handled */
  returnRatio: string;
  returnRate: number | null;
  overdue: number;
  dueSoon: number;
  avgScore: number | null;
  topRules: RuleCount[];
}

export interface DeadlineRow {
  item: number;
  number: string | null;
  kind: CaseKind | null;
  title: string | null;
  unit: string;
  proposer: string | null;
  assigned: string | null;
  deadline: string;
  /** negative: days overdue; otherwise days left */
  daysLeft: number;
  status: 'overdue' | 'dueSoon';
  drafts: number;
  risk: string | null;
}

export interface BatchSummary {
  today: string;
  totals: Omit<UnitStats, 'unit' | 'hostItems' | 'coItems' | 'topRules'> & { units: number; unmatchedDrafts: number; itemsWithoutDraft: number; files: number };
  units: UnitStats[];
  topRules: RuleCount[];
  deadlines: DeadlineRow[];
  unmatchedDrafts: Array<{ index: number; file: string; reason: string; unit: string }>;
  itemsWithoutDraft: Array<{ item: number; number: string | null; kind: CaseKind | null; title: string | null; unit: string; deadline: string | null }>;
  duplicates: Array<{ file: string; number: string | null; unit: string }>;
}

export const UNMATCHED_UNIT = '（未与清单对应）';

const emptyCats = () => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;

interface Acc {
  unit: string;
  hostItems: Set<number>;
  coItems: Set<number>;
  drafts: number; checked: number; unreadable: number;
  findings: UnitStats['findings'];
  risk: UnitStats['risk'];
  highItems: Set<number>;
  highUnmatched: number;
  scoreSum: number; scoreN: number;
  rules: Map<string, { count: number; drafts: number }>;
}

const newAcc = (unit: string): Acc => ({
  unit, hostItems: new Set(), coItems: new Set(), drafts: 0, checked: 0, unreadable: 0,
  findings: { total: 0, error: 0, warning: 0, info: 0, byCategory: emptyCats() },
  risk: { high: 0, medium: 0, low: 0 }, highItems: new Set(), highUnmatched: 0, scoreSum: 0, scoreN: 0, rules: new Map(),
});

/**
 * Per-unit figures, built in one pass over the drafts (streamed from the spool): only counters
 * and sets of item indices are kept, never the findings themselves.
 */
export class Aggregator {
  private units = new Map<string, Acc>();
  private overall = newAcc('');
  private itemDrafts = new Map<number, number>();
  private itemRisk = new Map<number, string>();
  private seen = new Set<string>();
  readonly unmatched: BatchSummary['unmatchedDrafts'] = [];
  readonly duplicates: BatchSummary['duplicates'] = [];
  private files = 0;

  constructor(private items: ManifestItem[], private opts: { manifest: boolean; today: string; replyMonths: number; dueSoonDays: number; ruleInfo: (id: string) => { description: string; category: string } }) {
    // every unit that hosts an item appears, in the manifest's order
    for (const [i, it] of items.entries()) this.acc(it.unit ?? '（未填写单位）').hostItems.add(i);
  }

  private acc(unit: string): Acc {
    let a = this.units.get(unit);
    if (!a) { a = newAcc(unit); this.units.set(unit, a); }
    return a;
  }

  add(rec: DraftRecord): void {
    this.files++;
    const a = this.acc(rec.unit);
    if (rec.item === null) {
      if (this.opts.manifest) this.unmatched.push({ index: rec.index, file: rec.result.file, reason: rec.unmatchedReason ?? '未与清单对应。', unit: rec.unit });
    } else {
      const dupKey = `${rec.item}|${rec.unit}`;
      if (this.seen.has(dupKey)) this.duplicates.push({ file: rec.result.file, number: this.items[rec.item].number ?? null, unit: rec.unit });
      this.seen.add(dupKey);
      if (rec.role === 'co' && this.items[rec.item].unit !== rec.unit) a.coItems.add(rec.item);
      this.itemDrafts.set(rec.item, (this.itemDrafts.get(rec.item) ?? 0) + 1);
    }
    for (const t of [a, this.overall]) {
      t.drafts++;
      const r = rec.result;
      if (r.error) { t.unreadable++; continue; }
      t.checked++;
      if (r.risk) t.risk[r.risk]++;
      if (r.risk === 'high') { if (rec.item !== null) t.highItems.add(rec.item); else t.highUnmatched++; }
      if (r.score !== null) { t.scoreSum += r.score; t.scoreN++; }
      const perDraft = new Set<string>();
      // every finding, those past a rule's cap (not listed) included
      for (const sev of ['error', 'warning', 'info'] as const) { t.findings[sev] += r.counts[sev]; t.findings.total += r.counts[sev]; }
      for (const m of r.messages) {
        // the message standing for a rule's findings past its cap counts as all of them
        const n = m.omitted ?? 1;
        t.findings.byCategory[m.category as Category] = (t.findings.byCategory[m.category as Category] ?? 0) + n;
        const rc = t.rules.get(m.ruleId) ?? { count: 0, drafts: 0 };
        rc.count += n;
        if (!perDraft.has(m.ruleId)) { rc.drafts++; perDraft.add(m.ruleId); }
        t.rules.set(m.ruleId, rc);
      }
    }
    if (rec.item !== null && !rec.result.error && rec.result.risk) {
      const order = { high: 3, medium: 2, low: 1 } as const;
      const prev = this.itemRisk.get(rec.item) as keyof typeof order | undefined;
      if (!prev || order[rec.result.risk] > order[prev]) this.itemRisk.set(rec.item, rec.result.risk);
    }
  }

  /** The deadline of an item: given, or assignment date + the profile's months. */
  deadlineOf(it: ManifestItem): string | undefined {
    return it.deadline ?? (it.assigned ? addMonths(it.assigned, this.opts.replyMonths) : undefined);
  }

  finish(topN = 5): BatchSummary {
    const today = dayNumber(this.opts.today);
    const deadlines: DeadlineRow[] = [];
    const overdueBy = new Map<string, number>();
    const dueSoonBy = new Map<string, number>();
    for (const [i, it] of this.items.entries()) {
      const d = this.deadlineOf(it);
      if (!d || it.closed) continue;
      const left = dayNumber(d) - today;
      const status = left < 0 ? 'overdue' : left <= this.opts.dueSoonDays ? 'dueSoon' : undefined;
      if (!status) continue;
      const unit = it.unit ?? '（未填写单位）';
      (status === 'overdue' ? overdueBy : dueSoonBy).set(unit, ((status === 'overdue' ? overdueBy : dueSoonBy).get(unit) ?? 0) + 1);
      deadlines.push({
        item: i, number: it.number ?? null, kind: it.kind ?? null, title: it.title ?? null, unit, proposer: it.proposer?.join('、') ?? null,
        assigned: it.assigned ?? null, deadline: d, daysLeft: left, status, drafts: this.itemDrafts.get(i) ?? 0, risk: this.itemRisk.get(i) ?? null,
      });
    }
    deadlines.sort((a, b) => a.daysLeft - b.daysLeft || (a.item - b.item));
    const itemsWithoutDraft: BatchSummary['itemsWithoutDraft'] = [];
    const missingBy = new Map<string, number>();
    for (const [i, it] of this.items.entries()) {
      if (this.itemDrafts.has(i)) continue;
      const unit = it.unit ?? '（未填写单位）';
      missingBy.set(unit, (missingBy.get(unit) ?? 0) + 1);
      itemsWithoutDraft.push({ item: i, number: it.number ?? null, kind: it.kind ?? null, title: it.title ?? null, unit, deadline: this.deadlineOf(it) ?? null });
    }
    const ranking = (rules: Acc['rules']) => [...rules.entries()]
      .map(([ruleId, v]) => ({ ruleId, ...this.opts.ruleInfo(ruleId), ...v }))
      .sort((a, b) => b.drafts - a.drafts || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
    const stats = (a: Acc, overdue: number, dueSoon: number, missing: number, items: number, highOverride?: number): Omit<UnitStats, 'unit' | 'hostItems' | 'coItems' | 'topRules'> => {
      const high = highOverride ?? a.highItems.size + a.highUnmatched;
      return {
        items, drafts: a.drafts, checked: a.checked, unreadable: a.unreadable, missing,
        findings: a.findings, risk: a.risk, highItems: high,
        returnRatio: `${high}/${items}`, returnRate: items ? Math.round((high / items) * 1000) / 1000 : null,
        overdue, dueSoon, avgScore: a.scoreN ? Math.round(a.scoreSum / a.scoreN) : null,
      };
    };
    const units: UnitStats[] = [...this.units.values()].map((a) => {
      const items = a.hostItems.size + a.coItems.size + (a.unit === UNMATCHED_UNIT || !this.items.length ? a.drafts : 0);
      return {
        unit: a.unit, hostItems: a.hostItems.size, coItems: a.coItems.size,
        ...stats(a, overdueBy.get(a.unit) ?? 0, dueSoonBy.get(a.unit) ?? 0, missingBy.get(a.unit) ?? 0, items),
        topRules: ranking(a.rules).slice(0, topN),
      };
    });
    // manifest order (units without a manifest: by name); the pseudo-units go last
    const pseudo = (u: string) => Number(u === UNMATCHED_UNIT || u.startsWith('（'));
    units.sort((x, y) => pseudo(x.unit) - pseudo(y.unit) || (this.opts.manifest ? 0 : x.unit.localeCompare(y.unit, 'zh')));
    // overall: every draft's findings, but the return ratio over the manifest's items (the
    // unmatched drafts have their own row)
    const real = units.filter((u) => u.unit !== UNMATCHED_UNIT);
    const totalItems = real.reduce((n, u) => n + u.items, 0);
    const totalHigh = real.reduce((n, u) => n + u.highItems, 0);
    const overall = stats(this.overall, deadlines.filter((d) => d.status === 'overdue').length, deadlines.filter((d) => d.status === 'dueSoon').length, itemsWithoutDraft.length, totalItems, totalHigh);
    return {
      today: this.opts.today,
      totals: {
        ...overall, units: units.filter((u) => u.unit !== UNMATCHED_UNIT).length, unmatchedDrafts: this.unmatched.length,
        itemsWithoutDraft: itemsWithoutDraft.length, files: this.files,
      },
      units,
      topRules: ranking(this.overall.rules).slice(0, 10),
      deadlines,
      unmatchedDrafts: this.unmatched,
      itemsWithoutDraft,
      duplicates: this.duplicates,
    };
  }
}
