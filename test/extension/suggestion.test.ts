/**
 * Reading the suggestion (建议原文) from the page, a same-origin frame or another tab's page:
 * the record shapes real systems show (label cells, 案由/理由/办法, a printed record under its
 * title, labels inline in the text), what is left out (form rows, 办理要求), and how the places
 * are merged and named for the panel.
 */
import { describe, expect, it } from 'vitest';
import { suggestionAsks } from '../../extension/utils/checker';
import { readPageSuggestion, recordText } from '../../extension/utils/fields/record';
import { frameSuggestions, mergeCandidates, sameOriginDocuments, tabSuggestions } from '../../extension/utils/content/sources';
import { candidateKey, describeWhere, matchesCase } from '../../extension/utils/suggest';
import { newDocument, renderReplica, replica } from './replica-dom';

const R = replica as typeof replica & { renderRecord(doc: Document, id: string, shape?: string): Element };
const ASKS_0137 = ['在新建小区集中的城东片区开通社区微循环公交线路', '缩短主要线路高峰时段的发车间隔', '在学校周边增设港湾式停靠站'];
const heads = (text: string) => suggestionAsks(text).asks.map((a) => a.head);

function recordDoc(shape: string, id = '2025-R-0137'): Document {
  const doc = newDocument();
  R.renderRecord(doc, id, shape);
  return doc;
}

/** linkedom has no frame documents: hand one to an iframe/frame element, and the way back up. */
function attachFrame(frame: Element, child: Document): void {
  Object.defineProperty(frame, 'contentDocument', { value: child });
  Object.defineProperty(child, 'defaultView', { value: { frameElement: frame } });
}

describe('the suggestion on the reply page itself', () => {
  it('reads the header row 建议内容 as part of its record table; the core finds the three asks', () => {
    const { document } = renderReplica('?content=show');
    const s = readPageSuggestion(document)!;
    expect(s).not.toBeNull();
    expect(s.label).toBe('建议内容');
    expect(s.title).toBe('关于优化城区公交线路的建议');
    expect(s.text).toContain('建议内容： | 我市城区公交线路多年未作调整');
    expect(heads(s.text)).toEqual(ASKS_0137);
    // the reply form's rows (editor, selects, inputs) are not part of it
    expect(s.text).not.toMatch(/答复正文|答复类别|联系电话/u);
  });

  it('finds nothing on a reply page that shows only the title (案由/标题 alone is no suggestion)', () => {
    expect(readPageSuggestion(renderReplica().document)).toBeNull();
    expect(readPageSuggestion(renderReplica('', '#list').document)).toBeNull();
  });

  it('reads a read-only 建议内容 item inside a Layui reply form, without the form rows', () => {
    const doc = newDocument(`<form class="layui-form">
      <div class="layui-form-item"><label class="layui-form-label">标题：</label><div class="layui-input-block">关于加强农村道路养护的建议</div></div>
      <div class="layui-form-item"><label class="layui-form-label">建议内容：</label><div class="layui-input-block"><textarea readonly>近年来我县农村公路里程增加，但养护资金和人员不足。建议：
一是将农村公路养护资金纳入县级财政预算；
二是建立县、乡、村三级路长制，落实专人养护。</textarea></div></div>
      <div class="layui-form-item"><label class="layui-form-label">答复内容：</label><div class="layui-input-block"><textarea name="dfnr">已写的答复，不能算作建议。建议您关注。</textarea></div></div>
    </form>`);
    const s = readPageSuggestion(doc)!;
    expect(s.label).toBe('建议内容');
    expect(s.text).not.toContain('已写的答复');
    expect(heads(s.text)).toEqual(['将农村公路养护资金纳入县级财政预算', '建立县、乡、村三级路长制']);
  });
});

describe('record pages (建议详情 / 原件)', () => {
  it('a table with label cells: 案由 is the title, 办理要求 is left out', () => {
    const s = readPageSuggestion(recordDoc('table'))!;
    expect(s.label).toBe('建议内容');
    expect(s.title).toBe('关于优化城区公交线路的建议');
    expect(s.text).not.toContain('办理要求');
    expect(s.text).not.toContain('请于');
    expect(heads(s.text)).toEqual(ASKS_0137);
  });

  it('a printed record: the title, a line of fields and the text under it', () => {
    const s = readPageSuggestion(recordDoc('text'))!;
    expect(s).not.toBeNull();
    expect(s.title).toBe('关于优化城区公交线路的建议');
    expect(s.text.split('\n')[0]).toBe('关于优化城区公交线路的建议');
    expect(heads(s.text)).toEqual(ASKS_0137);
  });

  it('a CPPCC record: 案由 (the title), 理由 and 办法 as label cells', () => {
    const doc = newDocument(`<table>
      <tr><th>提案号</th><td>58</td><th>提案人</th><td>民盟××委员会</td></tr>
      <tr><th>案　　由</th><td colspan="3">关于推进公共停车设施建设的提案</td></tr>
      <tr><th>理　　由</th><td colspan="3">城区停车位缺口大，占道停车严重，影响交通秩序。</td></tr>
      <tr><th>办　　法</th><td colspan="3">1. 编制停车设施专项规划。<br>2. 利用边角地建设立体停车库。<br>3. 推行错时共享停车。</td></tr>
      <tr><th>办理要求</th><td colspan="3">请于2025年6月18日前答复提案人。</td></tr>
    </table>`);
    const s = readPageSuggestion(doc)!;
    expect(s.label).toBe('案由');
    expect(s.title).toBe('关于推进公共停车设施建设的提案');
    expect(heads(s.text)).toEqual(['编制停车设施专项规划', '利用边角地建设立体停车库', '推行错时共享停车']);
  });

  it('labels inline in the text (建议内容：…) and 案由 without a record field is not enough', () => {
    const inline = newDocument('<div class="detail"><p>领衔代表：李某某</p><p>建议内容：近年来我县农村公路里程增加，但养护资金不足。建议将农村公路养护资金纳入县级财政预算。</p></div>');
    const s = readPageSuggestion(inline)!;
    expect(s.label).toBe('建议内容');
    expect(heads(s.text)).toEqual(['将农村公路养护资金纳入县级财政预算']);
    const lone = newDocument('<table><tr><td>理由</td><td>天气很好。</td></tr></table>');
    expect(readPageSuggestion(lone)).toBeNull();
  });

  it('recordText joins a row’s cells and keeps the lines of a cell', () => {
    const doc = newDocument('<table id="t"><tr><td>建议编号：</td><td>12</td><td>届次：</td><td>三次</td></tr><tr><td>内容：</td><td>甲<br>乙</td></tr></table>');
    expect(recordText(doc.getElementById('t')!)).toBe('建议编号： | 12 | 届次： | 三次\n内容： | 甲\n乙');
  });
});

describe('frames and tabs', () => {
  it('a frameset: the reply frame reads the record from its sibling frame', () => {
    const top = newDocument('<frameset><frame name="record"><frame name="main"></frameset>');
    const [recordFrame, mainFrame] = Array.from(top.querySelectorAll('frame'));
    const record = recordDoc('table');
    const { document: main } = renderReplica('?frame=inner');
    attachFrame(recordFrame, record);
    attachFrame(mainFrame, main);
    expect(sameOriginDocuments(top)).toEqual([top, record, main]);
    const found = frameSuggestions(main);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ where: 'frame', label: '建议内容', title: '关于优化城区公交线路的建议' });
    expect(describeWhere(found[0])).toBe('框架《关于优化城区公交线路的建议》');
    // the record frame does not count its own page as a frame
    expect(frameSuggestions(record)).toEqual([]);
  });

  it('another tab answers for its top page and its frames; editor documents are skipped', () => {
    const { document, frameDocs, editor } = renderReplica('?content=frame');
    attachFrame(document.getElementById('recordFrame')!, recordDoc('text'));
    attachFrame(editor!, frameDocs.get(editor!)!);
    expect(sameOriginDocuments(document)).toHaveLength(2);
    const found = tabSuggestions(document);
    expect(found.map((c) => [c.where, c.title])).toEqual([['tab', '关于优化城区公交线路的建议']]);
    expect(describeWhere({ ...found[0], pageTitle: '建议详情 - 2025-R-0137' })).toBe('另一标签页《关于优化城区公交线路的建议》');
  });

  it('merges places: one entry per text, the nearest first; names them for the panel', () => {
    const page = { where: 'page' as const, text: '甲 乙', label: '建议内容' };
    const tab = { where: 'tab' as const, text: '甲乙', label: '建议内容', pageTitle: '建议详情' };
    const other = { where: 'tab' as const, text: '丙', label: '标题', pageTitle: '原件' };
    expect(mergeCandidates([page], [tab, other])).toEqual([page, other]);
    expect(candidateKey(page)).toBe(candidateKey(tab));
    expect(describeWhere(page)).toBe('本页');
    expect(describeWhere(other)).toBe('另一标签页《原件》');
    expect(describeWhere({ where: 'frame' })).toBe('框架');
  });

  it('a record of another case (the user has several open) is not this form’s suggestion', () => {
    const other = readPageSuggestion(recordDoc('table', '2025-R-0142'))!;
    const same = readPageSuggestion(recordDoc('text'))!;
    const form = { number: '2025-R-0137', title: '关于优化城区公交线路的建议' };
    expect(matchesCase(same, form)).toBe(true);
    expect(matchesCase(other, form)).toBe(false);
    expect(matchesCase(other, { title: '《关于加强农村道路养护的建议》' })).toBe(true);
    expect(matchesCase({ text: '我市城区公交……建议：一、……' }, form)).toBe(true); // nothing to tell: it may be
  });
});
