/**
 * Checks the built extension (if built): MV3 CSP safety and no network APIs (scripts/audit-bundle.mjs),
 * and a manifest that asks for no site access up front. Skipped when extension/.output is missing
 * (the e2e test builds it; or run `npm run build -w @dafu/extension`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const EXT = resolve(dirname(fileURLToPath(import.meta.url)), '../../extension');
const CHROME = join(EXT, '.output/chrome-mv3');
const built = existsSync(join(CHROME, 'manifest.json'));
if (!built) console.warn('[bundle.test] extension/.output/chrome-mv3 missing: run `npm run build -w @dafu/extension` to audit the bundle');

describe.skipIf(!built)('built extension', () => {
  it('has no eval/new Function, no network APIs, no remote URLs', () => {
    const out = execFileSync(process.execPath, [join(EXT, 'scripts/audit-bundle.mjs'), CHROME], { encoding: 'utf8' });
    expect(out).toContain('audit-bundle: OK');
  });
  it('asks for no site access up front and registers no static content script', () => {
    const m = JSON.parse(readFileSync(join(CHROME, 'manifest.json'), 'utf8'));
    expect(m.manifest_version).toBe(3);
    expect([...m.permissions].sort()).toEqual(['activeTab', 'scripting', 'storage']);
    expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(m.content_scripts ?? []).toEqual([]);
    expect(m.web_accessible_resources).toBeUndefined();
    expect(existsSync(join(CHROME, 'content-scripts/content.js'))).toBe(true);
  });
  it('lists the icons (manifest and toolbar button) and ships them', () => {
    const m = JSON.parse(readFileSync(join(CHROME, 'manifest.json'), 'utf8'));
    const icons = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };
    expect(m.icons).toEqual(icons);
    expect(m.action.default_icon).toEqual(icons);
    for (const [size, file] of Object.entries(icons)) {
      const png = readFileSync(join(CHROME, file));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  });
});
