/**
 * The element picker's selector builder (extension/utils/fields/selector.ts): unique, stable
 * selectors, frame paths, what a pick stands for, and the finder using a picked selector.
 */
import { describe, expect, it } from 'vitest';
import { findFields } from '../../extension/utils/fields/finder';
import {
  buildSelector, buildSelectorPath, isGeneratedId, querySelectorPath, resolvePick, splitSelectorPath, type FrameOf,
} from '../../extension/utils/fields/selector';
import { validateSettings } from '../../extension/utils/settings';
import { newDocument, renderReplica } from './replica-dom';

const only = (doc: Document, sel: string) => Array.from(doc.querySelectorAll(sel));

describe('buildSelector', () => {
  it('prefers a hand-written id, then name, then stable attributes', () => {
    const doc = newDocument(`
      <textarea id="replyText"></textarea>
      <textarea id="ext-gen1234" name="dfnr"></textarea>
      <textarea id="a3f9c2d1-77aa-4c1e-9b0e-1d2c3b4a5f60" placeholder="请输入答复内容"></textarea>
      <div cn_name="正文" contenteditable="true"></div>`);
    const [a, b, c] = only(doc, 'textarea');
    expect(buildSelector(a)).toBe('#replyText');
    expect(buildSelector(b)).toBe('textarea[name="dfnr"]');
    expect(buildSelector(c)).toBe('textarea[placeholder="请输入答复内容"]');
    expect(buildSelector(doc.querySelector('div')!)).toBe('div[cn_name="正文"]');
  });

  it('tells generated ids from hand-written and counter ids', () => {
    for (const id of ['ext-gen1234', 'a3f9c2d1-77aa-4c1e-9b0e', ':r1:', 'el-id-3284-12', '1abc', 'x8f3k2j9q1z7']) expect(isGeneratedId(id)).toBe(true);
    for (const id of ['replyText', 'dfzw', 'ueditor_0', 'edui1', 'layui-layer-iframe1']) expect(isGeneratedId(id)).toBe(false);
  });

  it('keeps every selector unique: same-looking fields are told apart by a stable ancestor', () => {
    const doc = newDocument(`
      <form id="replyForm"><table><tr><td><textarea class="big"></textarea></td></tr></table></form>
      <form id="summaryForm"><table><tr><td><textarea class="big"></textarea></td></tr></table></form>`);
    const [a, b] = only(doc, 'textarea');
    const sa = buildSelector(a);
    const sb = buildSelector(b);
    expect(sa).toBe('#replyForm textarea');
    expect(sb).toBe('#summaryForm textarea');
    expect(only(doc, sa)).toEqual([a]);
    expect(only(doc, sb)).toEqual([b]);
  });

  it('falls back to weak counter ids, then to an :nth-of-type path, still unique', () => {
    const doc = newDocument('<div><p>x</p><div><textarea></textarea><textarea></textarea></div></div><div id="edui7"><textarea></textarea></div>');
    const tas = only(doc, 'textarea');
    const sels = tas.map(buildSelector);
    expect(sels[1]).toMatch(/^body > div:nth-of-type\(1\) > div > textarea:nth-of-type\(2\)$/);
    expect(sels[2]).toBe('#edui7 textarea');
    sels.forEach((s, i) => expect(only(doc, s)).toEqual([tas[i]]));
  });

  it('ignores state and hashed classes', () => {
    const doc = newDocument('<div class="editor is-focused css-1x2y3z active"></div><div class="editor-x"></div>');
    expect(buildSelector(doc.querySelector('div')!)).toBe('div.editor');
  });

  it('the picked UEditor iframe gets a selector that survives a re-created editor iframe', () => {
    const { document } = renderReplica('?labels=none');
    const frame = document.querySelector('iframe')!;
    const sel = buildSelector(frame);
    expect(sel).not.toMatch(/nth-|ueditor_0|edui1/);
    expect(only(document, sel)).toEqual([frame]);
    const again = document.createElement('iframe');
    again.id = 'ueditor_1';
    frame.replaceWith(again);
    expect(only(document, sel)).toEqual([again]);
  });
});

describe('frame paths', () => {
  /** top page ⊃ iframe#main (a page) ⊃ textarea; plus an unrelated second frame */
  function framed() {
    const top = newDocument('<iframe name="main" src="form.html"></iframe><iframe name="side"></iframe><textarea id="reply"></textarea>');
    const inner = newDocument('<form><textarea id="reply"></textarea></form>');
    const side = newDocument('<textarea id="reply"></textarea>');
    const [mainFrame, sideFrame] = only(top, 'iframe');
    const parents = new Map<Document, Element>([[inner, mainFrame], [side, sideFrame]]);
    const docs = new Map<Element, Document>([[mainFrame, inner], [sideFrame, side]]);
    const frameOf: FrameOf = (d) => parents.get(d) ?? null;
    const frameDocument = (f: HTMLIFrameElement) => docs.get(f) ?? null;
    return { top, inner, side, frameOf, frameDocument };
  }

  it('records the frames from the top same-origin document', () => {
    const { top, inner, frameOf } = framed();
    expect(buildSelectorPath(inner.querySelector('textarea')!, frameOf)).toBe('iframe[name="main"] >>> #reply');
    expect(buildSelectorPath(top.querySelector('textarea')!, frameOf)).toBe('#reply');
    expect(splitSelectorPath('iframe[name="main"] >>> #reply')).toEqual(['iframe[name="main"]', '#reply']);
  });

  it('a path resolves only in the document it leads to', () => {
    const { top, inner, side, frameOf, frameDocument } = framed();
    const path = 'iframe[name="main"] >>> #reply';
    expect(querySelectorPath(inner, path, { frameOf, frameDocument })).toBe(inner.querySelector('textarea'));
    expect(querySelectorPath(top, path, { frameOf, frameDocument })).toBeNull();
    expect(querySelectorPath(side, path, { frameOf, frameDocument })).toBeNull();
    // a plain selector still applies in every document, as before
    expect(querySelectorPath(side, '#reply', { frameOf, frameDocument })).toBe(side.querySelector('textarea'));
    expect(querySelectorPath(top, 'iframe[name=nope] >>> #reply', { frameOf, frameDocument })).toBeNull();
  });

  it('settings accept a frame path and reject empty parts', () => {
    const ok = validateSettings({ sites: [{ origin: 'http://10.1.2.3', fields: { replyBody: { selector: 'iframe[name=main] >>> #reply' } } }] });
    expect(ok.ok).toBe(true);
    const bad = validateSettings({ sites: [{ origin: 'http://10.1.2.3', fields: { replyBody: { selector: 'iframe >>> ' } } }] });
    expect(bad.ok).toBe(false);
  });
});

describe('resolvePick: what a click stands for', () => {
  it('editor body, toolbar and holder all stand for the editor iframe; controls for themselves', () => {
    const { document, editor, frameDocs, opts } = renderReplica('?labels=none');
    const frameDoc = frameDocs.get(editor!)!;
    const o = { frameOf: ((d) => (d === frameDoc ? editor : null)) as FrameOf, frameDocument: opts.frameDocument };
    const p = frameDoc.createElement('p');
    p.textContent = '正文';
    frameDoc.body.append(p);
    expect(resolvePick(p, 'replyBody', o)).toBe(editor);
    expect(resolvePick(frameDoc.body, 'replyBody', o)).toBe(editor);
    expect(resolvePick(document.querySelector('.edui-bold')!, 'replyBody', o)).toBe(editor);
    const summary = document.querySelector('textarea[name=dfzy]')!;
    expect(resolvePick(summary, 'replyBody', o)).toBe(summary);
    expect(resolvePick(document.querySelector('#btnSubmit')!, 'replyBody', o)).toBeNull();
    expect(resolvePick(document.querySelector('select[name=dflb]')!, 'replyClass', o)).toBe(document.querySelector('select[name=dflb]'));
  });

  it('inside a contenteditable: the editable root; our own UI: nothing', () => {
    const doc = newDocument('<div id="ed" contenteditable="true"><p><b>x</b></p></div><dafu-panel><textarea></textarea></dafu-panel>');
    expect(resolvePick(doc.querySelector('b')!)).toBe(doc.querySelector('#ed'));
    expect(resolvePick(doc.querySelector('dafu-panel textarea')!)).toBeNull();
  });
});

describe('finder with a picked selector', () => {
  it('the unlabeled replica body is not found by itself, but is found through the picked selector', () => {
    const { document, opts, editor, frameDocs } = renderReplica('?labels=none');
    expect(findFields(document, opts).body).toBeNull();
    const selector = buildSelectorPath(editor!, () => null);
    const f = findFields(document, { ...opts, site: { replyBody: { selector } } });
    expect(f.body?.source).toBe('site');
    expect(f.body?.target.editable).toBe(frameDocs.get(editor!)!.body);
  });
});
