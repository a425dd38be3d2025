/**
 * Saves bytes or text as a file through a local blob URL: nothing leaves the browser. Shared by
 * the extension's panel and the offline page (web/).
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function saveFile(d: Document, data: Uint8Array | string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = d.createElement('a');
  a.href = url;
  a.download = name;
  d.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 答复稿.docx → 答复稿.dafu批注.docx (the name `dafu check --annotate` writes) */
export const annotatedName = (name: string): string => name.replace(/\.docx$/i, '') + '.dafu批注.docx';
