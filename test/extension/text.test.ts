import { describe, expect, it } from 'vitest';
import { extractText, type TextMap } from '../../extension/utils/text';
import { newDocument } from './replica-dom';

/** The text each mapped unit points at must be the unit itself. */
function consistent(map: TextMap): boolean {
  return [...map.text].every((_, i) => {
    const n = map.nodes[i];
    if (!n) return map.text[i] === '\n';
    const ch = n.data[map.offs[i]];
    return ch === map.text[i] || (ch === '\u00a0' && map.text[i] === ' ') || (/\s/.test(ch) && map.text[i] === ' ');
  });
}

describe('extractText', () => {
  it('paragraphs, inline markup, <br>, nbsp and source whitespace', () => {
    const d = newDocument(`<div id="ed">
      <p>王某某代表：</p>
      <p>您提出的<b>建议</b>收悉。截止&nbsp;目前，<span style="color:red">我局</span></p>
      <p>一、已开通<br>二、已调整</p>
      <p><br></p>
    </div>`);
    const map = extractText(d.getElementById('ed')!);
    expect(map.text).toBe('王某某代表：\n您提出的建议收悉。截止 目前，我局\n一、已开通\n二、已调整');
    expect(consistent(map)).toBe(true);
    const i = map.text.indexOf('建议');
    expect(map.nodes[i]!.data).toBe('建议');
    expect(map.offs[i]).toBe(0);
  });
  it('keeps UTF-16 units aligned for characters outside the BMP', () => {
    const d = newDocument('<div id="ed"><p>𠀀字截止</p></div>');
    const map = extractText(d.getElementById('ed')!);
    expect(map.text).toBe('𠀀字截止');
    expect(map.text.length).toBe(5);
    expect(map.offs[3]).toBe(3);
    expect(consistent(map)).toBe(true);
  });
  it('skips scripts and styles; collapses runs of spaces', () => {
    const d = newDocument('<div id="ed"><style>p{}</style><p>甲   乙</p><script>var x</script><div>丙</div></div>');
    expect(extractText(d.getElementById('ed')!).text).toBe('甲 乙\n丙');
  });
});
