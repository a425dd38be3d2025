import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Extensions a directory walk picks up: what dafu checks, plus what it explains it cannot. */
const DRAFT = /\.(docx|docm|txt|md|markdown|doc|wps|pdf)$/i;

export interface Collected { files: string[]; missing: string[] }

/**
 * Expands the command line's inputs: files as given, directories walked for drafts, globs
 * expanded (tinyglobby: small, maintained, no native parts). Word's lock files (~$…) and
 * hidden files are skipped; results are de-duplicated and sorted within each input.
 */
export async function collectInputs(inputs: string[], cwd = process.cwd()): Promise<Collected> {
  // (loaded for an input that is neither a file nor a folder: a plain `dafu check reply.txt` starts without it)
  let glob: typeof import('tinyglobby') | undefined;
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    if (input === '-') { files.push('-'); continue; }
    const abs = resolve(cwd, input);
    let stat;
    try { stat = statSync(abs); } catch { stat = undefined; }
    if (stat?.isDirectory()) files.push(...walk(abs).sort());
    else if (stat?.isFile()) files.push(abs);
    else if ((glob ??= await import('tinyglobby')).isDynamicPattern(input)) {
      const found = await glob.glob(input, { cwd, absolute: true, onlyFiles: true, dot: false });
      const drafts = found.filter((f) => DRAFT.test(f) && !isJunk(f)).sort();
      if (drafts.length) files.push(...drafts); else missing.push(input);
    } else missing.push(input);
  }
  return { files: [...new Set(files)], missing };
}

/** Word lock files (~$…), hidden files, and dafu's own annotated copies (*.dafu批注.docx). */
const isJunk = (path: string) => /(^|[\\/])(~\$|\.)[^\\/]*$/.test(path) || /\.dafu批注\.[a-z]+$/i.test(path);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Word lock files (~$…), hidden files and a folder's README are never drafts
    if (entry.name === 'node_modules' || isJunk(entry.name) || /^readme\./i.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && DRAFT.test(entry.name)) out.push(path);
  }
  return out;
}
