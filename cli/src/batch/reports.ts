/**
 * report.html and report.xlsx from the spooled drafts. Once the checking is done the pool's
 * workers are idle, so each writes one of them while the main thread writes results.json: each
 * reads the spool file itself. With fewer workers than reports the main thread writes the rest.
 */
import type { BatchSummary, DraftRecord } from './aggregate.js';
import { writeHtml, type ReportMeta } from './html.js';
import type { ManifestItem } from './manifest.js';
import { Spool, type SpoolIndex } from './spool.js';
import { writeXlsx } from './xlsx.js';

export interface ReportTask {
  type: 'report';
  report: 'html' | 'xlsx';
  /** the file to write */
  path: string;
  spool: SpoolIndex;
  summary: BatchSummary;
  meta: ReportMeta;
  items: ManifestItem[];
  /** each unit's drafts (spool indices) in the order the HTML lists them */
  byUnit: Array<[string, number[]]>;
}

export function writeReport(t: ReportTask): void {
  const spool = Spool.open<DraftRecord>(t.spool);
  try {
    if (t.report === 'html') {
      const order = new Map(t.byUnit);
      writeHtml(t.path, t.summary, t.meta, t.items, function* (unit) { for (const i of order.get(unit) ?? []) yield spool.get(i)!; });
    } else {
      writeXlsx(t.path, t.summary, t.items, () => spool.values());
    }
  } finally {
    spool.close();
  }
}
