/**
 * Settings pushed by policy (storage.managed): validation as a whole, precedence over the
 * user's settings, and the store's reads and writes against WXT's in-memory fake browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MANAGED_KEYS, applyManaged, validateManaged } from '../../extension/utils/policy';
import { DEFAULT_SETTINGS, type Settings } from '../../extension/utils/settings';

const WORDS = { lists: { words: [{ wrong: '截止目前', right: '截至目前' }] }, rules: { 'closing-thanks': 'off' } };
const POLICY = {
  sites: [{ origin: 'http://10.1.2.3:8080/jyta/', fields: { replyBody: { selector: '#dfzw' } } }],
  preset: 'strict',
  submitGate: true,
  checkerConfig: JSON.stringify(WORDS),
};

describe('validateManaged', () => {
  it('takes the import format with checkerConfig as JSON text', () => {
    const r = validateManaged(POLICY);
    expect(r).toEqual({
      status: 'ok',
      managed: {
        keys: ['sites', 'preset', 'submitGate', 'checkerConfig'],
        values: {
          sites: [{ origin: 'http://10.1.2.3', enabled: true, fields: { replyBody: { selector: '#dfzw' } } }],
          preset: 'strict', submitGate: true, checkerConfig: WORDS,
        },
      },
    });
  });

  it('no policy is "none" (the browser gives {} or nothing)', () => {
    expect(validateManaged({})).toEqual({ status: 'none' });
    expect(validateManaged(undefined)).toEqual({ status: 'none' });
  });

  it('rejects the whole policy on any problem, listing each in Chinese', () => {
    const r = validateManaged({ ...POLICY, preset: 'lenient', ignored: [], checkerConfig: '{"rules": ' });
    expect(r.status).toBe('invalid');
    if (r.status !== 'invalid') return;
    expect(r.problems).toEqual([
      expect.stringContaining('未知的设置项 "ignored"'),
      expect.stringContaining('checkerConfig 不是有效的 JSON 文本'),
      'preset 必须是 "recommended" 或 "strict"',
    ]);
  });

  it('checks the checker config with the CLI schema, and wants it as text', () => {
    const bad = validateManaged({ checkerConfig: JSON.stringify({ lists: { words: [{ wrong: '截止目前' }] } }) });
    expect(bad.status).toBe('invalid');
    expect(bad.status === 'invalid' && bad.problems.join('\n')).toContain('checkerConfig.lists.words');
    const obj = validateManaged({ checkerConfig: WORDS });
    expect(obj.status === 'invalid' && obj.problems[0]).toContain('必须是 JSON 文本');
  });

  it('an empty field setting (what Chrome leaves of a misspelt property) is a problem', () => {
    const r = validateManaged({ sites: [{ origin: 'http://10.1.2.3', fields: { replyBody: {} } }] });
    expect(r.status === 'invalid' && r.problems).toEqual(['sites[0].fields.replyBody 是空的（需要 selector、label 或 text）']);
  });

  it('the schema shipped in the extension declares exactly the managed keys, in Chrome\'s dialect', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../extension/public/managed-schema.json'), 'utf8'));
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_KEYS].sort());
    // Chrome's dialect has no union types: every node names one type
    const walk = (n: Record<string, unknown>): void => {
      expect(['object', 'array', 'string', 'boolean', 'integer', 'number']).toContain(n.type);
      for (const c of Object.values((n.properties ?? {}) as Record<string, Record<string, unknown>>)) walk(c);
      if (n.items) walk(n.items as Record<string, unknown>);
      if (typeof n.additionalProperties === 'object') walk(n.additionalProperties as Record<string, unknown>);
    };
    walk(schema);
  });
});

describe('the policy examples in extension/README.md', () => {
  it('each one passes the validator', () => {
    const readme = readFileSync(join(__dirname, '../../extension/README.md'), 'utf8');
    type Block = { '3rdparty'?: { extensions?: Record<string, unknown> }; policies?: { '3rdparty'?: { Extensions?: Record<string, unknown> } } };
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as Block);
    const entries = blocks.flatMap((b) => Object.values(b['3rdparty']?.extensions ?? b.policies?.['3rdparty']?.Extensions ?? {}));
    expect(entries).toHaveLength(2); // Chrome/Edge (Linux JSON) and Firefox
    for (const e of entries) expect(validateManaged(e)).toMatchObject({ status: 'ok' });
  });
});

describe('applyManaged', () => {
  const local: Settings = {
    ...structuredClone(DEFAULT_SETTINGS),
    preset: 'recommended',
    submitGate: false,
    sites: [
      { origin: 'http://10.1.2.3', enabled: false, fields: { replyBody: { selector: '#mine' } } },
      { origin: 'http://10.9.9.9', enabled: true },
    ],
  };
  it('policy values win; managed sites replace the user\'s entry for the same origin, others stay', () => {
    const r = validateManaged(POLICY);
    if (r.status !== 'ok') throw new Error('policy rejected');
    const s = applyManaged(local, r.managed);
    expect(s.preset).toBe('strict');
    expect(s.submitGate).toBe(true);
    expect(s.underline).toBe(true); // not managed: the user's
    expect(s.checkerConfig).toEqual(WORDS);
    expect(s.sites).toEqual([
      { origin: 'http://10.1.2.3', enabled: true, fields: { replyBody: { selector: '#dfzw' } } },
      { origin: 'http://10.9.9.9', enabled: true },
    ]);
    expect(local.sites[0].enabled).toBe(false); // not mutated
  });
  it('no policy: the user\'s settings', () => {
    expect(applyManaged(local, null)).toBe(local);
  });
});

describe('store with a policy', () => {
  type Store = typeof import('../../extension/utils/store');
  let store: Store;
  beforeAll(async () => {
    (globalThis as unknown as { chrome: unknown }).chrome = fakeBrowser;
    store = await import('../../extension/utils/store');
  });
  beforeEach(async () => {
    await fakeBrowser.storage.local.clear();
    await fakeBrowser.storage.managed.clear();
  });

  it('reads the settings in effect; writes only the user\'s', async () => {
    await fakeBrowser.storage.managed.set(POLICY);
    await store.updateSettings((s) => { s.preset = 'recommended'; s.underline = false; s.sites.push({ origin: 'http://10.1.2.3', enabled: false }); });
    const s = await store.loadSettings();
    expect(s.preset).toBe('strict');
    expect(s.underline).toBe(false);
    expect(s.sites).toEqual([{ origin: 'http://10.1.2.3', enabled: true, fields: { replyBody: { selector: '#dfzw' } } }]);
    const mine = await store.loadLocalSettings();
    expect(mine.preset).toBe('recommended');
    expect(mine.sites).toEqual([{ origin: 'http://10.1.2.3', enabled: false }]);
  });

  it('an invalid policy is ignored as a whole and reported', async () => {
    await fakeBrowser.storage.managed.set({ ...POLICY, preset: 'lenient' });
    expect(await store.loadManaged()).toEqual({ status: 'invalid', problems: ['preset 必须是 "recommended" 或 "strict"'] });
    const s = await store.loadSettings();
    expect(s).toEqual(DEFAULT_SETTINGS);
  });

  it('no managed storage at all (Firefox without a policy) is no policy', async () => {
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValueOnce(new Error('Managed storage manifest not found'));
    expect(await store.loadManaged()).toEqual({ status: 'none' });
    get.mockRestore();
  });

  it('tells listeners when the policy changes', async () => {
    const seen: Settings[] = [];
    const stop = store.onSettingsChanged((s) => seen.push(s));
    await fakeBrowser.storage.managed.set({ preset: 'strict' });
    await expect.poll(() => seen.at(-1)?.preset).toBe('strict');
    stop();
  });
});

describe('the Firefox policies.json the e2e test writes', () => {
  it('adds its entry to an existing file and takes out only that; a file of its own is removed with its folder', async () => {
    const { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { FirefoxPolicyFile } = await import('../helpers/policy-files');
    const root = mkdtempSync(join(tmpdir(), 'dafu-policies-'));
    try {
      const dist = join(root, 'distribution');
      const own = new FirefoxPolicyFile(dist);
      own.write({ 'a@x': { preset: 'strict' } });
      expect(JSON.parse(readFileSync(own.path, 'utf8'))).toEqual({ policies: { '3rdparty': { Extensions: { 'a@x': { preset: 'strict' } } } } });
      own.remove();
      expect(existsSync(dist)).toBe(false);

      const admin = { policies: { DisableTelemetry: true, '3rdparty': { Extensions: { 'other@x': { a: 1 } } } } };
      const shared = new FirefoxPolicyFile(root);
      writeFileSync(shared.path, JSON.stringify(admin));
      shared.write({ 'a@x': {} });
      expect(Object.keys(JSON.parse(readFileSync(shared.path, 'utf8')).policies['3rdparty'].Extensions)).toEqual(['other@x', 'a@x']);
      shared.remove();
      expect(JSON.parse(readFileSync(shared.path, 'utf8'))).toEqual(admin);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
