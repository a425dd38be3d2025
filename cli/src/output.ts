import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes text (or a file's bytes) to a file atomically (temp file, then rename), or to stdout. */
export function writeOutput(text: string | Uint8Array, path?: string): void {
  if (!path) { process.stdout.write(text); return; }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, path);
}
