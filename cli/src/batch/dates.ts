/** Dates as a reviewer's spreadsheet holds them, turned into YYYY-MM-DD (local calendar days, no time zones). */

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | undefined {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return undefined; // 2月30日
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A cell value as a date: a Date (exceljs gives date cells as UTC midnight), an Excel serial
 * number, or text such as 2025-05-06, 2025/5/6, 2025.5.6, 2025年5月6日, 20250506.
 * Returns undefined when the value is not a date.
 */
export function normalizeDate(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    // exceljs stores a date cell as UTC midnight; a time part of 23:59 etc. stays on its day
    return valid(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    if (value > 20000 && value < 120000) {
      const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86400000);
      return valid(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
    }
    if (value >= 19000101 && value <= 22001231) return normalizeDate(String(value));
    return undefined;
  }
  const s = String(value).normalize('NFKC').trim();
  let m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) return valid(+m[1], +m[2], +m[3]);
  return undefined;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export const dayNumber = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;

/** YYYY-MM-DD plus whole months (end of month clamps: 11-30 + 3 months = 02-28). */
export function addMonths(iso: string, months: number): string {
  const y = +iso.slice(0, 4), m = +iso.slice(5, 7) - 1 + months, d = +iso.slice(8, 10);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const t = new Date(Date.UTC(y, m, Math.min(d, last)));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Today's local date as YYYY-MM-DD. */
export const localToday = (): string => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
