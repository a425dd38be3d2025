import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS, checkCheckerConfig, checkerConfigFor, exportSettings, findSite, originPattern, siteOrigin,
  validateSettings, withDefaults,
} from '../../extension/utils/settings';

describe('site origins', () => {
  it('drops port, path and query; rejects non-http', () => {
    expect(siteOrigin('http://10.1.2.3:8080/jyta/reply.do?id=1#x')).toBe('http://10.1.2.3');
    expect(siteOrigin('https://JYTA.example.gov.cn/a')).toBe('https://jyta.example.gov.cn');
    expect(siteOrigin('file:///C:/a.html')).toBeNull();
    expect(siteOrigin('chrome://extensions')).toBeNull();
    expect(siteOrigin('not a url')).toBeNull();
    expect(originPattern('http://10.1.2.3')).toBe('http://10.1.2.3/*');
  });
  it('finds the site of a URL', () => {
    const s = { ...DEFAULT_SETTINGS, sites: [{ origin: 'http://10.1.2.3', enabled: true }] };
    expect(findSite(s, 'http://10.1.2.3:8080/x')?.enabled).toBe(true);
    expect(findSite(s, 'http://10.1.2.4/x')).toBeUndefined();
  });
});

describe('validateSettings (import)', () => {
  it('accepts a full export and round-trips', () => {
    const input = {
      version: 1,
      sites: [{ origin: 'http://10.1.2.3:8080/jyta/', enabled: true, fields: { replyBody: { selector: '#edui1' }, submitButton: { text: '报送审核' } } }],
      preset: 'strict', submitGate: false, underline: true,
      checkerConfig: { rules: { 'closing-thanks': 'off' } },
      ignored: [{ origin: 'http://10.1.2.3', fingerprint: 'abc', ruleId: 'x', excerpt: '你', at: '2025-05-01T00:00:00Z' }],
    };
    const r = validateSettings(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.sites[0]).toEqual({ origin: 'http://10.1.2.3', enabled: true, fields: { replyBody: { selector: '#edui1' }, submitButton: { text: '报送审核' } } });
    expect(r.settings.preset).toBe('strict');
    expect(validateSettings(JSON.parse(exportSettings(r.settings)))).toEqual(r);
  });
  it('lists every problem in Chinese', () => {
    const r = validateSettings({
      version: 2, sites: [{ origin: 'ftp://x' }, { origin: 'http://a', fields: { nope: {}, replyBody: { selector: '' , color: 'red' } } }],
      preset: 'loose', submitGate: 'yes', extra: 1, checkerConfig: { rules: { a: 'fatal' }, foo: 1 }, ignored: [{}],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const all = r.problems.join('\n');
    for (const s of ['version', 'sites[0].origin', '未知字段 "nope"', '未知属性 "color"', 'selector 必须是非空字符串', 'preset', 'submitGate', '未知的设置项 "extra"', 'checkerConfig.rules.a', 'checkerConfig 不允许有额外的属性：foo', 'ignored[0]']) {
      expect(all).toContain(s);
    }
  });
  it('rejects non-objects and duplicate sites', () => {
    expect(validateSettings([]).ok).toBe(false);
    const r = validateSettings({ sites: [{ origin: 'http://a:1' }, { origin: 'http://a:2' }] });
    expect(r.ok).toBe(false);
  });
  it('withDefaults keeps the valid parts of a damaged store', () => {
    const s = withDefaults({ sites: [{ origin: 'http://a', enabled: true }], preset: 'bogus' });
    expect(s.sites).toEqual([{ origin: 'http://a', enabled: true }]);
    expect(s.preset).toBe('recommended');
    expect(withDefaults(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('checker config', () => {
  it('hand check of the CLI config shape', () => {
    expect(checkCheckerConfig({ preset: ['strict', 'gbt9704'], rules: { x: 'off' }, allow: ['某某'] })).toEqual([]);
    expect(checkCheckerConfig({ preset: 'nope' })[0]).toContain('preset');
    expect(checkCheckerConfig({ mode: 'x', kind: 'y', role: 'z' })).toHaveLength(3);
  });
  it('the preset goes first, an imported config overrides it', () => {
    expect(checkerConfigFor(DEFAULT_SETTINGS)).toEqual({ preset: 'recommended' });
    expect(checkerConfigFor({ ...DEFAULT_SETTINGS, checkerConfig: { preset: 'gbt9704' } })).toEqual({ preset: 'gbt9704' });
  });
});
