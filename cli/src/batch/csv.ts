import { decodeText } from '@dafu/rules';

/**
 * Reads a CSV (or tab-separated) file the way Excel writes it in China: UTF-8 with or without
 * a BOM, GBK/GB18030 (Excel's "CSV" on a Chinese Windows), or UTF-16 ("Unicode 文本", tabs).
 * Decoding is the core's: BOM first, then strict UTF-8, then gb18030 (never 'gbk').
 */
export function readCsv(bytes: Uint8Array): { rows: string[][]; encoding: string } {
  const decoded = decodeText(bytes);
  const text = decoded.text.replace(/^\uFEFF/, '');
  return { rows: parseCsv(text, sniffDelimiter(text)), encoding: decoded.encoding };
}

/** The separator of the first line: comma, tab (Excel's “Unicode 文本”) or semicolon. */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => first.split(c).length - 1;
  const candidates: Array<[string, number]> = [[',', count(',')], ['\t', count('\t')], [';', count(';')]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

/** RFC 4180: quoted fields with "" escapes and embedded line breaks; CRLF, LF or CR rows. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === delimiter) { row.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      row.push(field); rows.push(row); row = []; field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
