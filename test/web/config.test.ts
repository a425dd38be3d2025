/**
 * The offline page's config loading (web/src/config.ts): a dafu.config.json or the extension's
 * exported settings, validated with the CLI's and the extension's code; list file names, which a
 * page cannot read, are refused with what to do.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../web/src/config';

describe('offline page config', () => {
  it('takes a config file with word-list entries, dropping what a page cannot use', () => {
    const r = parseConfig('\uFEFF' + JSON.stringify({ $schema: './schema.json', preset: 'strict', baseline: 'b.txt', lists: { words: [{ wrong: '市住建委', right: '市住房和城乡建设局' }] } }));
    expect(r).toEqual({ ok: true, config: { preset: 'strict', lists: { words: [{ wrong: '市住建委', right: '市住房和城乡建设局' }] } }, notes: ['配置中的基线文件 b.txt 在网页中不使用。'] });
  });

  it('takes the extension’s exported settings as their checker config', () => {
    const r = parseConfig(JSON.stringify({ version: 1, sites: [], preset: 'strict', checkerConfig: { rules: { 'jiezhi-jiezhi': 'off' } }, ignored: [] }));
    expect(r).toEqual({ ok: true, config: { preset: 'strict', rules: { 'jiezhi-jiezhi': 'off' } }, notes: [] });
  });

  it('refuses bad JSON, schema errors and list file names, in Chinese', () => {
    const bad = (text: string) => { const r = parseConfig(text); return r.ok ? [] : r.problems; };
    expect(bad('{ rules: ')[0]).toMatch(/^不是有效的 JSON/);
    expect(bad(JSON.stringify({ rules: { 'jiezhi-jiezhi': 'loud' } })).join('\n')).toContain('rules.jiezhi-jiezhi');
    expect(bad(JSON.stringify({ lists: { words: 'lists/words.json' } }))[0]).toContain('lists.words 写的是文件名（lists/words.json）');
    expect(bad(JSON.stringify({ version: 1, sites: 'x' }))).toEqual(['sites 必须是数组']);
  });
});
