import { basename, relative } from 'node:path';

/** How reports name an input: files under the working folder by relative path, others by full path. */
export function displayName(path: string, cwd: string): string {
  const rel = path === '-' ? '<stdin>' : relative(cwd, path);
  return path === '-' ? rel : rel && !rel.startsWith('..') ? rel : path || basename(path);
}

export { failedResult } from './file-result.js';
