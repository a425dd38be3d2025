import { describe, expect, it } from 'vitest';
import { realign, runCheck, type Finding } from '../../extension/utils/checker';

const FLAWED = '你提出的关于优化城区公交线路的建议收悉。截止目前，我局高度重视，将认真研究。';

describe('runCheck (real @dafu/rules checker)', () => {
  it('finds problems with offsets into the given text', () => {
    const r = runCheck({ text: FLAWED, format: 'dom', mode: 'system-form', context: { kind: 'npc', role: 'host' } });
    expect(r.error).toBeUndefined();
    expect(r.messages.length).toBeGreaterThan(0);
    for (const m of r.messages) expect(FLAWED.slice(m.start, m.end)).toBe(m.excerpt);
    const fix = r.messages.find((m) => m.fix);
    expect(fix).toBeDefined();
    expect(FLAWED.slice(fix!.fix!.start, fix!.fix!.end)).toBe(fix!.excerpt);
    expect(['high', 'medium', 'low']).toContain(r.risk);
  });
  it('offsets hold with trailing blank lines (the checker trims its document text)', () => {
    const text = `王某某代表：\n\n${FLAWED}\n\n\n`;
    const r = runCheck({ text, format: 'dom' });
    for (const m of r.messages) expect(text.slice(m.start, m.end)).toBe(m.excerpt);
  });
  it('never throws: unreadable input becomes an error string', () => {
    const r = runCheck({ bytes: new Uint8Array([1, 2, 3, 4, 5]), format: 'docx', name: 'x.docx' });
    expect(r.messages).toEqual([]);
    expect(typeof r.error).toBe('string');
    expect(runCheck({ text: '   ', format: 'dom' }).error).toBeTruthy();
  });
});

describe('realign', () => {
  const f = (start: number, end: number, excerpt: string, fix?: Finding['fix']): Finding => ({
    ruleId: 'r', category: 'typography', severity: 'warning', message: 'm', start, end, line: 1, column: 1, excerpt, fingerprint: 'x', fix,
  });
  it('keeps matching ranges, moves shifted ones to the nearest occurrence, drops unplaceable fixes', () => {
    const text = 'ab截止cd截止';
    expect(realign(text, [f(2, 4, '截止')])[0].start).toBe(2);
    const moved = realign(text, [f(5, 7, '截止', { start: 5, end: 7, text: '截至' })])[0];
    expect([moved.start, moved.end, moved.fix]).toEqual([6, 8, { start: 6, end: 8, text: '截至' }]);
    const lost = realign(text, [f(0, 2, '不存在', { start: 0, end: 2, text: 'x' })])[0];
    expect(lost.fix).toBeUndefined();
  });
});
