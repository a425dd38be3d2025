import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let sofficePath: string | null | undefined;

/** LibreOffice's soffice on PATH, if installed. */
export function findSoffice(): string | null {
  if (sofficePath !== undefined) return sofficePath;
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return (sofficePath = r.stdout.trim().split(/\r?\n/)[0]);
  }
  return (sofficePath = null);
}

/** Converts an old .doc/.wps file to .docx bytes with LibreOffice, in a private temp folder. */
export function convertOldWord(path: string): Uint8Array | null {
  const soffice = findSoffice();
  if (!soffice) return null;
  const out = mkdtempSync(join(tmpdir(), 'dafu-convert-'));
  try {
    const r = spawnSync(soffice, ['--headless', `-env:UserInstallation=file://${out}/profile`, '--convert-to', 'docx', '--outdir', out, path], { timeout: 60_000, stdio: 'ignore' });
    const docx = readdirSync(out).find((f) => f.endsWith('.docx'));
    return r.status === 0 && docx ? new Uint8Array(readFileSync(join(out, docx))) : null;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
