/**
 * The speed targets of issue 18, read from one run's figures (bench-results.json's shape): each
 * row with its figure, its target, the reference measured in the same run, and whether it is
 * met. Rows whose bench did not run (--only, --quick sizes, no Chromium) say so.
 */
const f = (v, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—');
const M = (v) => (typeof v === 'number' ? `${(v / 1e6).toFixed(2)} M` : '—');

export function issueTargets(r) {
  const rows = [];
  const row = (measure, figure, target, reference, met) => rows.push({ measure, figure, target, reference, met });
  const s = r.core?.startup;
  if (s) {
    row('dafu check one.txt, cold, wall median', `${f(s.checkOneDraftMs)} ms`, '≤ 150 ms', `node -e 0 ${f(s.nodeBareMs)} ms`, s.checkOneDraftMs <= 150);
    row('dafu check one.docx, cold, wall median', `${f(s.checkOneDocxMs)} ms`, '≤ 200 ms', `node -e 0 ${f(s.nodeBareMs)} ms`, s.checkOneDocxMs <= 200);
  } else row('CLI cold start', '—', '≤ 150 / 200 ms', '', null);
  const t = r.core?.throughput ?? [];
  const small = t.find((x) => x.chars === 100_000), large = t.find((x) => x.chars === 1_000_000);
  const peers = (x) => `autocorrect ${M(x?.peers?.autocorrect?.charsPerSec)}, zhlint ${M(x?.peers?.zhlint?.charsPerSec)}`;
  if (small) row('throughput, 100 KB of replies', `${M(small.charsPerSec)} chars/s`, '≥ 3 M chars/s', peers(small), small.charsPerSec >= 3e6);
  if (large) row('throughput, 1 MB of replies', `${M(large.charsPerSec)} chars/s`, '≥ 3 M chars/s', peers(large), large.charsPerSec >= 3e6);
  if (small && large) {
    const drift = large.charsPerSec / small.charsPerSec - 1;
    row('throughput, 1 MB against 100 KB', `${drift >= 0 ? '+' : ''}${f(drift * 100)} %`, 'within ±20 %', '', Math.abs(drift) <= 0.2);
  }
  if (!large) row('throughput, 1 MB of replies', '—', '≥ 3 M chars/s', '(not run: --quick)', null);
  const b = r.batch?.rows?.find((x) => x.jobs === 2);
  if (b) row(`batch of ${r.batch.drafts} .docx, 2 workers, wall`, `${f(b.ratio, 2)}× mammoth`, '≤ 0.67× mammoth', `mammoth raw text ${f(b.floor.wall, 2)} s, dafu ${f(b.dafu.wall, 2)} s`, b.ratio <= 0.67 && r.batch.drafts >= 600);
  else row('batch of 600 .docx, 2 workers', '—', '≤ 0.67× mammoth', '(not run)', null);
  const l = r.latency;
  if (l && !l.skipped && l.textarea) {
    const worst = (key, stat) => Math.max(l.textarea[key]?.[stat] ?? Infinity, l.ueditor[key]?.[stat] ?? Infinity);
    const rm = worst('recheck', 'median'), rp = worst('recheck', 'p95');
    row(`extension, ${l.chars}-char reply, whole re-check after a keystroke`, `median ${f(rm, 1)} ms, p95 ${f(rp, 1)} ms`, 'median ≤ 8 ms, p95 ≤ 16 ms',
      `checker alone median ${f(worst('incremental', 'median'), 1)} ms, p95 ${f(worst('incremental', 'p95'), 1)} ms`, rm <= 8 && rp <= 16);
    const e = worst('endToEnd', 'median');
    row('extension, keystroke to underline (10,000 chars)', `median ${f(e)} ms, p95 ${f(worst('endToEnd', 'p95'))} ms`, '≤ 150 ms', `wait before checking: ${l.debounce ?? '—'}`, e <= 150);
    if (l.short?.endToEnd) row(`extension, keystroke to underline (${l.short.chars} chars)`, `median ${f(l.short.endToEnd.median)} ms, p95 ${f(l.short.endToEnd.p95)} ms`, '≤ 150 ms', 'a short draft: checked at once', l.short.endToEnd.median <= 150);
  } else row('extension (Chromium)', '—', 'median ≤ 8 ms, p95 ≤ 16 ms; ≤ 150 ms', l?.skipped ?? '(not run)', null);
  return rows;
}

export function formatTargets(rows) {
  const L = ['', 'issue 18 targets (figures of this run)', 'measure | figure | target | reference (same run) | met', '------- | ------ | ------ | -------------------- | ---'];
  for (const x of rows) L.push(`${x.measure} | ${x.figure} | ${x.target} | ${x.reference} | ${x.met === null ? 'not measured' : x.met ? 'met' : 'NOT met'}`);
  return L.join('\n');
}
