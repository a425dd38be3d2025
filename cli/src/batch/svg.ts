/** Small inline-SVG charts for the HTML report: no library, no script, works offline and in print. */

const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML content and attributes, without the control characters XML forbids (most text has nothing to change: one test first). */
export const esc = (v: unknown): string => {
  const s = String(v ?? '');
  if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"']/.test(s)) return s;
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => HTML_ENTITY[c]);
};

export interface Series { name: string; color: string }
export interface BarRow { label: string; values: number[]; href?: string }

/** Width of a label in px, counting CJK characters as wide. */
const textWidth = (s: string, size = 12) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? size : size * 0.6), 0);

const clip = (s: string, max: number) => {
  let w = 0; let out = '';
  for (const ch of s) { w += /[\u2E80-\uFFFF]/.test(ch) ? 12 : 7.2; if (w > max) return out + '…'; out += ch; }
  return out;
};

/** Nice axis step: 1, 2, 5 × 10^n. */
function niceMax(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

/**
 * Horizontal stacked bars: one row per label, one segment per series, a legend on top and
 * the total at the end of each bar. Every segment has a <title> for hover.
 */
export function stackedBars(id: string, title: string, rows: BarRow[], series: Series[], opts: { width?: number } = {}): string {
  const width = opts.width ?? 860;
  const labelW = Math.min(220, Math.max(80, ...rows.map((r) => textWidth(r.label))) + 12);
  const legendRows = Math.ceil(series.length / 6);
  const top = 28 + legendRows * 20;
  const rowH = 26;
  const plotW = width - labelW - 60;
  const height = top + rows.length * rowH + 30;
  const max = Math.max(0, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const axis = niceMax(max);
  const x = (v: number) => (v / axis.top) * plotW;
  const out: string[] = [];
  out.push(`<svg id="${esc(id)}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}">`);
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<text x="0" y="16" class="ct">${esc(title)}</text>`);
  series.forEach((s, i) => {
    const lx = (i % 6) * 140, ly = 28 + Math.floor(i / 6) * 20;
    out.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${s.color}"/><text x="${lx + 16}" y="${ly + 11}" class="lg">${esc(s.name)}</text>`);
  });
  for (let v = 0; v <= axis.top; v += axis.step) {
    const gx = labelW + x(v);
    out.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + rows.length * rowH}" class="grid"/><text x="${gx}" y="${top + rows.length * rowH + 16}" class="ax" text-anchor="middle">${v}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const label = `<text x="${labelW - 8}" y="${y + 17}" class="lb" text-anchor="end">${esc(clip(r.label, labelW - 16))}<title>${esc(r.label)}</title></text>`;
    out.push(r.href ? `<a href="${esc(r.href)}">${label}</a>` : label);
    let acc = 0;
    r.values.forEach((v, j) => {
      if (!v) return;
      out.push(`<rect class="bar" x="${(labelW + x(acc)).toFixed(1)}" y="${y + 4}" width="${Math.max(0.5, x(v)).toFixed(1)}" height="${rowH - 8}" fill="${series[j].color}"><title>${esc(r.label)} · ${esc(series[j].name)}：${v}</title></rect>`);
      acc += v;
    });
    out.push(`<text x="${(labelW + x(acc) + 4).toFixed(1)}" y="${y + 17}" class="tot">${acc}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Vertical bars, one per label (e.g. findings per category overall). */
export function columnBars(id: string, title: string, rows: Array<{ label: string; value: number; color: string }>, opts: { width?: number } = {}): string {
  const width = opts.width ?? 860;
  const height = 260;
  const left = 40, top = 36, bottom = 40;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...rows.map((r) => r.value));
  const axis = niceMax(max);
  const slot = (width - left - 10) / Math.max(1, rows.length);
  const out: string[] = [];
  out.push(`<svg id="${esc(id)}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}">`);
  out.push(`<title>${esc(title)}</title><text x="0" y="16" class="ct">${esc(title)}</text>`);
  for (let v = 0; v <= axis.top; v += axis.step) {
    const gy = top + plotH - (v / axis.top) * plotH;
    out.push(`<line x1="${left}" y1="${gy}" x2="${width - 10}" y2="${gy}" class="grid"/><text x="${left - 6}" y="${gy + 4}" class="ax" text-anchor="end">${v}</text>`);
  }
  rows.forEach((r, i) => {
    const h = (r.value / axis.top) * plotH;
    const bx = left + i * slot + slot * 0.2;
    out.push(`<rect class="bar" x="${bx.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" fill="${r.color}"><title>${esc(r.label)}：${r.value}</title></rect>`);
    out.push(`<text x="${(bx + slot * 0.3).toFixed(1)}" y="${(top + plotH - h - 4).toFixed(1)}" class="tot" text-anchor="middle">${r.value}</text>`);
    out.push(`<text x="${(bx + slot * 0.3).toFixed(1)}" y="${height - bottom + 18}" class="lb" text-anchor="middle">${esc(r.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
