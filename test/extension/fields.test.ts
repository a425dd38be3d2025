import { describe, expect, it } from 'vitest';
import { findFields } from '../../extension/utils/fields/finder';
import { readCaseContext } from '../../extension/utils/fields/context';
import { labelsFor } from '../../extension/utils/fields/labels';
import { normalizeLabel, attrTokens } from '../../extension/utils/fields/normalize';
import { newDocument, renderReplica, replica, selectByText } from './replica-dom';

describe('normalizeLabel', () => {
  it('drops padding, markers, colons and notes', () => {
    expect(normalizeLabel('标\u00a0\u00a0\u00a0题：')).toBe('标题');
    expect(normalizeLabel('*答复正文（必填）:')).toBe('答复正文');
    expect(normalizeLabel('答 复 内 容\u3000')).toBe('答复内容');
    expect(normalizeLabel('＊联系电话：')).toBe('联系电话');
  });
  it('splits attribute tokens', () => {
    expect(attrTokens('replyContent_1')).toEqual(['reply', 'content', '1']);
    expect(attrTokens('ueditor_textarea_content')).toEqual(['ueditor', 'textarea', 'content']);
  });
});

describe('field finder on the replica (default: UEditor, table labels)', () => {
  it('finds the live UEditor body, not the holder or hidden textarea', () => {
    const { document, opts, frameDocs, editor } = renderReplica();
    const f = findFields(document, opts);
    expect(f.body).not.toBeNull();
    expect(f.body!.target.kind).toBe('ueditor');
    expect(f.body!.target.editable).toBe(frameDocs.get(editor!)!.body);
    expect(f.body!.label).toBe('答复正文');
    expect(f.body!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(f.replyContext).toBe(true);
    // the 答复摘要 textarea is a candidate but not the body
    const summary = f.bodyCandidates.find((c) => c.target.editable.getAttribute('name') === 'dfzy');
    expect(summary?.confidence ?? 0).toBe(0);
  });

  it('ignores the hidden textarea UEditor appends on submit', () => {
    const { document, opts } = renderReplica();
    const ta = document.createElement('textarea');
    ta.id = 'ueditor_textarea_content';
    ta.setAttribute('name', 'content');
    ta.setAttribute('style', 'display:none');
    document.getElementById('editor')!.appendChild(ta);
    const f = findFields(document, opts);
    expect(f.body!.target.kind).toBe('ueditor');
    expect(f.bodyCandidates.some((c) => c.target.editable === ta)).toBe(false);
  });

  it('finds controls by table labels, cn_name and nameless inputs', () => {
    const { document, opts } = renderReplica();
    const f = findFields(document, opts);
    expect(f.controls.replyClass?.element.getAttribute('name')).toBe('dflb');
    expect(f.controls.publicity?.element.id).toBe('gkxs');
    expect(f.controls.contactName?.element.getAttribute('name')).toBe('lxr');
    expect(f.controls.contactPhone?.element.getAttribute('name')).toBe('lxdh');
    expect(f.controls.signer?.element.className).toBe('attr-value');
    expect(f.controls.replyLetterUpload?.element.id).toBe('dfhFile');
    expect(f.controls.attachments?.element.getAttribute('name')).toBe('fj');
    expect(f.controls.commMethod?.element.getAttribute('name')).toBe('gtfs');
    expect(f.controls.replySummary?.element.getAttribute('name')).toBe('dfzy');
    expect(f.submitButtons.map((b) => b.textContent)).toEqual(['提交审核']);
  });

  it('reads the case context', () => {
    const { document, opts } = renderReplica();
    const f = findFields(document, opts);
    let { context } = readCaseContext(document, f);
    expect(context).toEqual({
      kind: 'npc', number: '2025-R-0137', title: '关于优化城区公交线路的建议', proposer: ['王某某'], role: 'host',
    });
    selectByText(f.controls.replyClass!.element, 'B');
    ({ context } = readCaseContext(document, f));
    expect(context.class).toBe('B');
  });
});

describe('field finder variants', () => {
  it.each([
    ['editor=kindeditor', 'kindeditor'],
    ['editor=tinymce', 'tinymce'],
    ['editor=wangeditor5', 'wangeditor5'],
    ['editor=textarea', 'textarea'],
  ])('%s → %s', (search, kind) => {
    const { document, opts } = renderReplica(`?${search}`);
    const f = findFields(document, opts);
    expect(f.body?.target.kind).toBe(kind);
    expect(f.body?.label).toBe('答复正文');
    if (kind === 'textarea') expect(f.body!.target.editable.getAttribute('name')).toBe('dfzw');
    // the hidden original textarea of KindEditor/TinyMCE is never the body
    expect(f.bodyCandidates.some((c) => c.target.editable.getAttribute('style')?.includes('display:none'))).toBe(false);
  });

  it.each([
    ['labels=alt', '复文正文'],
    ['labels=alt2', '办理答复'],
    ['labels=alt&editor=textarea', '复文正文'],
    ['labels=alt2&editor=textarea', '办理答复'],
  ])('%s → label %s', (search, label) => {
    const { document, opts } = renderReplica(`?${search}`);
    const f = findFields(document, opts);
    expect(f.body?.label).toBe(label);
    expect(f.controls.replyClass?.label).toBe('解决程度');
    expect(f.controls.contactName?.element.getAttribute('name')).toBe('lxr');
    expect(labelsFor(f.controls.contactName!.element).map((h) => h.text)).toContain('经办人');
    expect(f.controls.commMethod?.label).toBe('面商形式');
  });

  it.each(['layui', 'element'])('layout=%s', (layout) => {
    const { document, opts } = renderReplica(`?layout=${layout}`);
    const f = findFields(document, opts);
    expect(f.body?.target.kind).toBe('ueditor');
    expect(f.body?.label).toBe('答复正文');
    expect(f.controls.replyClass?.element.getAttribute('name')).toBe('dflb');
    expect(f.controls.contactPhone?.element.getAttribute('name')).toBe('lxdh');
  });

  it('optvalues=index: the class comes from the option text', () => {
    const { document, opts } = renderReplica('?optvalues=index');
    const f = findFields(document, opts);
    selectByText(f.controls.replyClass!.element, 'C');
    expect(f.controls.replyClass!.element.querySelector('option[selected]')!.getAttribute('value')).toBe('2');
    expect(readCaseContext(document, f).context.class).toBe('C');
  });

  it('returned CPPCC proposal: kind, proposer and the 重新答复 button', () => {
    const { document, opts } = renderReplica('', '#reply/2025-Z-0058');
    const f = findFields(document, opts);
    const { context, facts } = readCaseContext(document, f);
    expect(context.kind).toBe('cppcc');
    expect(context.number).toBe('2025-Z-0058');
    expect(context.proposer).toEqual(['民盟××委员会']);
    expect(facts.returned).toBe(true);
    expect(f.submitButtons.map((b) => b.textContent)).toEqual(['重新答复']);
  });

  it('co-handling unit: the 会办意见 textarea is the text to check, role co', () => {
    const { document, opts } = renderReplica('', '#reply/2025-R-0142');
    const f = findFields(document, opts);
    expect(f.body?.key).toBe('coHandlingOpinion');
    expect(f.body?.target.editable.id).toBe('hbyj');
    expect(f.body?.label).toBe('会办意见');
    expect(readCaseContext(document, f).context.role).toBe('co');
  });

  it('dialog variant: the top page has no body, the dialog document has', () => {
    const top = renderReplica('?frame=dialog');
    expect(findFields(top.document, top.opts).body).toBeNull();
    const inner = renderReplica('?frame=inner');
    const f = findFields(inner.document, inner.opts);
    expect(f.body?.target.kind).toBe('ueditor');
  });

  it('per-site selector overrides the heuristics', () => {
    const { document, opts } = renderReplica();
    const f = findFields(document, { ...opts, site: { replyBody: { selector: 'textarea[name=dfzy]' } } });
    expect(f.body?.source).toBe('site');
    expect(f.body?.target.editable.getAttribute('name')).toBe('dfzy');
  });

  it('per-site label adds a synonym', () => {
    const document = newDocument('<form><table><tr><td>办理结果说明：</td><td><textarea name="x1" rows="8"></textarea></td></tr></table><button type="button">提交</button></form>');
    expect(findFields(document).body).toBeNull();
    const f = findFields(document, { site: { replyBody: { label: '办理结果说明' } } });
    expect(f.body?.target.editable.getAttribute('name')).toBe('x1');
  });
});

describe('stays quiet on unrelated forms', () => {
  it('list view with the search box', () => {
    const { document, opts } = renderReplica('', '#list');
    const f = findFields(document, opts);
    expect(f.body).toBeNull();
  });

  it('申退理由 form (textarea + 提交 button)', () => {
    const { document, opts } = renderReplica('', '#list');
    replica.renderBackForm(document, document.getElementById('backSlot')!, replica.findCase('2025-Z-0061'));
    const f = findFields(document, opts);
    expect(f.body).toBeNull();
    expect(f.bodyCandidates.find((c) => c.target.editable.getAttribute('name') === 'sqly')?.confidence).toBe(0);
  });

  it('a generic message form and a bare textarea', () => {
    const a = newDocument('<form><label for="m">留言内容</label><textarea id="m" name="content"></textarea><button>提交</button></form>');
    expect(findFields(a).body).toBeNull();
    const b = newDocument('<form><textarea name="t1" rows="10"></textarea><button type="button">提交</button></form>');
    expect(findFields(b).body).toBeNull();
    const c = newDocument('<div>站内搜索：<textarea name="q"></textarea><button>搜索</button></div>');
    expect(findFields(c).body).toBeNull();
  });

  it('review comments of the supervisor (审核意见) are not the reply', () => {
    const d = newDocument('<p>建议办理答复审核</p><table><tr><th>审核意见</th><td><textarea name="shyj"></textarea></td></tr></table><button>提交</button>');
    expect(findFields(d).body).toBeNull();
  });
});

describe('label association', () => {
  it('label for, wrapping label, aria, placeholder, cn_name', () => {
    const d = newDocument(`
      <label for="a">答复内容</label><textarea id="a"></textarea>
      <label>答复意见<textarea id="b"></textarea></label>
      <textarea id="c" aria-label="回复内容"></textarea>
      <textarea id="e" cn_name="复文正文"></textarea>
      <div>主办答复全文：<br><textarea id="f"></textarea></div>`);
    const first = (id: string) => labelsFor(d.getElementById(id)!)[0];
    expect(first('a')).toMatchObject({ text: '答复内容', how: 'label-for' });
    expect(first('b')).toMatchObject({ text: '答复意见', how: 'label-wrap' });
    expect(first('c')).toMatchObject({ text: '回复内容', how: 'aria' });
    expect(first('e')).toMatchObject({ text: '复文正文', how: 'attribute' });
    expect(first('f')).toMatchObject({ text: '主办答复全文', how: 'preceding' });
  });

  it('stacked table: label-only cell above', () => {
    const d = newDocument('<table><tr><td colspan="2">答复正文：</td></tr><tr><td colspan="2"><textarea id="x"></textarea></td></tr></table>');
    expect(labelsFor(d.getElementById('x')!)[0]).toMatchObject({ text: '答复正文', how: 'cell-above' });
  });
});

describe('editor adapters without a replica variant', () => {
  const cases: [string, string, string][] = [
    ['ckeditor4 (iframe)', `<textarea name="detail" style="display:none"></textarea><div id="cke_detail" class="cke"><div class="cke_contents"><iframe class="cke_wysiwyg_frame cke_reset"></iframe></div></div>`, 'ckeditor4'],
    ['ckeditor4 (inline)', `<div class="cke_editable cke_editable_inline" contenteditable="true"><p>x</p></div>`, 'ckeditor4'],
    ['ckeditor5', `<div class="ck ck-editor"><div class="ck-editor__main"><div class="ck-content ck-editor__editable" contenteditable="true" role="textbox"></div></div></div>`, 'ckeditor5'],
    ['layedit', `<textarea id="LAY_demo" style="display:none"></textarea><div class="layui-layedit"><div class="layui-layedit-iframe"><iframe id="LAY_layedit_1" textarea="LAY_demo"></iframe></div></div>`, 'layedit'],
    ['wangEditor v4', `<div><div class="w-e-toolbar"></div><div class="w-e-text-container"><div class="w-e-text" contenteditable="true"></div></div></div>`, 'wangeditor'],
    ['quill', `<div class="ql-container"><div class="ql-editor" contenteditable="true"></div></div>`, 'quill'],
    ['umeditor', `<div class="edui-container"><div class="edui-body-container" contenteditable="true"></div></div>`, 'umeditor'],
    ['generic designMode iframe', `<iframe id="plain"></iframe>`, 'iframe'],
  ];
  it.each(cases)('%s', (_name, control, kind) => {
    const document = newDocument(`<p>人大代表建议办理答复</p><form><table><tr><td>答复内容：</td><td>${control}</td></tr></table><button type="button">提交</button></form>`);
    const frames = new Map<Element, Document>();
    for (const f of Array.from(document.querySelectorAll('iframe'))) {
      frames.set(f, newDocument('<p></p>'));
      frames.get(f)!.body.setAttribute('contenteditable', 'true');
    }
    const f = findFields(document, { frameDocument: (fr) => frames.get(fr) ?? null });
    expect(f.body?.target.kind).toBe(kind);
    expect(f.body?.label).toBe('答复内容');
    // hidden originals are never candidates
    expect(f.bodyCandidates.every((c) => c.target.editable.tagName.toLowerCase() !== 'textarea')).toBe(true);
  });
});
