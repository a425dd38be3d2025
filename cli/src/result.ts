import { basename, relative } from 'node:path';
import type { FileResult } from './check.js';

/** How reports name an input: files under the working folder by relative path, others by full path. */
export function displayName(path: string, cwd: string): string {
  const rel = path === '-' ? '<stdin>' : relative(cwd, path);
  return path === '-' ? rel : rel && !rel.startsWith('..') ? rel : path || basename(path);
}

/** The result of an input that could not be checked. */
export const failedResult = (file: string, error: { code: string; message: string }): FileResult =>
  ({ file, kind: null, role: null, class: null, mode: null, error, messages: [], counts: { error: 0, warning: 0, info: 0 }, omitted: {}, score: null, risk: null, notes: [] });
