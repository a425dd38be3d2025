/**
 * The light XML parser (core/src/processors/xml.ts) the .docx reader uses for plain checks:
 * namespaces, references, CDATA, skipped markup, well-formedness errors, limits, hostile input.
 */
import { describe, expect, test } from 'vitest';
import { parseXmlTree, XmlLimitError, type XmlElement, type XmlNode } from '../../core/src/processors/xml.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const children = (el: XmlNode | null): XmlNode[] => {
  const out: XmlNode[] = [];
  for (let c = el?.firstChild ?? null; c; c = c.nextSibling) out.push(c);
  return out;
};
const elements = (el: XmlNode | null) => children(el).filter((c): c is XmlElement => c.nodeType === 1);

describe('namespaces', () => {
  test('prefixes, default namespace, scoping and redeclaration', () => {
    const root = parseXmlTree(
      `<w:document xmlns:w="${W}" xmlns="urn:d"><w:body><p/><q xmlns="urn:e"><r/></q><s xmlns=""/>` +
        `<w:x xmlns:w="urn:other"><w:y/></w:x><w:z/></w:body></w:document>`,
    );
    expect([root.localName, root.namespaceURI, root.tagName]).toEqual(['document', W, 'w:document']);
    const [body] = elements(root);
    const [p, q, s, x, z] = elements(body);
    expect([p.localName, p.namespaceURI]).toEqual(['p', 'urn:d']);
    expect([q.namespaceURI, elements(q)[0].namespaceURI]).toEqual(['urn:e', 'urn:e']);
    expect(s.namespaceURI).toBeNull();
    expect([x.namespaceURI, elements(x)[0].namespaceURI]).toEqual(['urn:other', 'urn:other']);
    expect(z.namespaceURI).toBe(W); // the redeclaration ended with w:x
  });

  test('attributes: prefixed ones in their namespace, unprefixed in none, xml: and xmlns: predefined', () => {
    const root = parseXmlTree(`<w:t xmlns:w="${W}" xmlns:r="urn:r" w:val="1" val="2" r:id="rId3" xml:space="preserve"/>`);
    expect(root.getAttributeNS(W, 'val')).toBe('1');
    expect(root.getAttributeNS(null, 'val')).toBe('2');
    expect(root.getAttributeNS('urn:r', 'id')).toBe('rId3');
    expect(root.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'space')).toBe('preserve');
    expect(root.getAttributeNS('http://www.w3.org/2000/xmlns/', 'r')).toBe('urn:r');
    expect(root.getAttribute('r:id')).toBe('rId3');
    expect(root.getAttribute('id')).toBeNull();
    expect(root.getAttributeNS(W, 'missing')).toBeNull();
  });

  test('an unbound prefix throws', () => {
    expect(() => parseXmlTree('<w:document/>')).toThrow(/unbound namespace prefix "w"/);
    expect(() => parseXmlTree('<a b:c="1"/>')).toThrow(/unbound/);
    expect(() => parseXmlTree('<a><b:c xmlns:b="urn:b"/><b:d/></a>')).toThrow(/unbound/); // out of scope
  });
});

describe('text', () => {
  test('predefined entities, character references, CDATA; comments and PIs are skipped', () => {
    const root = parseXmlTree(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- c --><a>x &lt;&gt;&amp;&apos;&quot; &#20013;&#x6587;&#x1F600;' +
        '<![CDATA[<b>&amp;</b>]]><!-- inner --><?pi data?><b>y</b>z</a><!-- after -->',
    );
    expect(root.textContent).toBe('x <>&\'" 中文😀<b>&amp;</b>yz');
    expect(children(root).map((c) => c.nodeType)).toEqual([3, 3, 1, 3]);
  });

  test('other references are kept as written, never expanded (as xmldom keeps them)', () => {
    expect(parseXmlTree('<a>&nbsp; & b &amp &#x110000; &1x; &#x00000000041; &amp;</a>').textContent)
      .toBe('&nbsp; & b &amp &#x110000; &1x; &#x00000000041; &');
    // character references to characters XML does not allow are decoded as xmldom decodes them
    expect(parseXmlTree('<a>&#0;&#xD800;</a>').textContent).toBe('\0\uD800');
    expect(parseXmlTree('<a b="&c;&amp;"/>').getAttribute('b')).toBe('&c;&');
  });

  test('a DOCTYPE is skipped with its internal subset: no entity expansion (billion laughs)', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('');
    const root = parseXmlTree(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${lol}<!ATTLIST a b CDATA "]>">]><a>&lol9;</a>`);
    expect(root.textContent).toBe('&lol9;');
    expect(parseXmlTree('<!DOCTYPE html SYSTEM "http://example.com/x.dtd"><html/>').localName).toBe('html');
  });

  test('attribute values: references decoded, literal tabs and line ends read as spaces', () => {
    const root = parseXmlTree(`<a v="1&amp;2&#10;3" w='x\ty\r\nz' q="&quot;'"/>`);
    expect(root.getAttribute('v')).toBe('1&2\n3');
    expect(root.getAttribute('w')).toBe('x y z');
    expect(root.getAttribute('q')).toBe(`"'`);
  });

  test('line ends normalised as xmldom does (CRLF, CR, NEL, LS, PS → LF)', () => {
    expect(parseXmlTree('<a>1\r\n2\r3\u00854\u20285\u20296</a>').textContent).toBe('1\n2\n3\n4\n5\n6');
    expect(parseXmlTree('<a><![CDATA[1\r\n2]]></a>').textContent).toBe('1\n2');
    expect(parseXmlTree('\uFEFF<a>b</a>').textContent).toBe('b');
  });

  test('textContent of nested elements, whitespace kept', () => {
    const root = parseXmlTree('<a> <b>1<c>2</c></b>\n<d/>3 </a>');
    expect(root.textContent).toBe(' 12\n3 ');
    expect(elements(root)[1].textContent).toBe('');
  });
});

describe('not well-formed: throws', () => {
  const bad: Array<[string, RegExp]> = [
    ['', /no root/],
    ['   ', /no root/],
    ['<a>', /unclosed element <a>/],
    ['<a></b>', /does not match/],
    ['<a></a></a>', /without a start tag/],
    ['<a/><b/>', /after the root/],
    ['text<a/>', /outside the root/],
    ['<a/>tail', /outside the root/],
    ['<a b="1" b="2"/>', /repeated/],
    ['<a b=1/>', /not quoted/],
    ['<a b/>', /without a value/],
    ['<a b="1"c="2"/>', /whitespace required/],
    ['<a b="<"/>', /"<" in an attribute value/],
    ['<a b="1', /unterminated attribute value/],
    ['<a', /malformed start tag|unterminated/],
    ['<a></a', /unterminated end tag/],
    ['< a/>', /malformed start tag/],
    ['<a/ >', /"\/" not followed by ">"/],
    ['<a><!-- x </a>', /unterminated comment/],
    ['<a><![CDATA[x</a>', /unterminated CDATA/],
    ['<![CDATA[x]]><a/>', /CDATA outside/],
    ['<?xml version="1.0"', /unterminated processing instruction/],
    ['<a/><!DOCTYPE a>', /DOCTYPE after the root/],
    ['<!DOCTYPE a [<!ENTITY e "x">', /unterminated DOCTYPE/],
    ['<a><!ELEMENT b ANY></a>', /not well-formed/],
  ];
  test.each(bad)('%j', (xml, message) => {
    expect(() => parseXmlTree(xml)).toThrow(message);
  });
});

describe('limits and hostile input', () => {
  test('tag and depth limits throw XmlLimitError', () => {
    const many = `<a>${'<b/>'.repeat(100)}</a>`;
    expect(() => parseXmlTree(many, { maxTags: 50, maxDepth: 10 })).toThrow(XmlLimitError);
    expect(parseXmlTree(many, { maxTags: 102, maxDepth: 10 }).localName).toBe('a');
    const deep = `${'<a>'.repeat(20)}${'</a>'.repeat(20)}`;
    try {
      parseXmlTree(deep, { maxTags: 1000, maxDepth: 10 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XmlLimitError);
      expect((e as XmlLimitError).limit).toBe('depth');
    }
    expect(() => parseXmlTree(deep, { maxTags: 1000, maxDepth: 20 })).not.toThrow();
  });

  test('200,000 levels of nesting: no recursion, linear time, textContent works', () => {
    const n = 200_000;
    const t0 = performance.now();
    const root = parseXmlTree(`${'<a>'.repeat(n)}x${'</a>'.repeat(n)}`);
    expect(root.textContent).toBe('x');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test('hostile texts stay linear: unterminated references, quotes, names, many prefixes', () => {
    const n = 200_000;
    const cases = [
      `<a>${'&'.repeat(n)}</a>`,
      `<a>${'&a'.repeat(n)};</a>`,
      `<a>${'&#x'.repeat(n)};</a>`,
      `${'<!DOCTYPE ['.repeat(n)}`,
      `<a b="${'x'.repeat(n)}`,
      `<${'a'.repeat(n)}`,
      `<a>${'<!--'.repeat(n)}`,
      `<a>${'<?'.repeat(n)}`,
      `<a>${'<![CDATA['.repeat(n)}`,
      `<a ${Array.from({ length: 20_000 }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ')}>${'<p1:b/>'.repeat(n / 10)}</a>`,
      `<a ${Array.from({ length: 20_000 }, (_, i) => `b${i}="1"`).join(' ')} b7="2"/>`,
    ];
    for (const xml of cases) {
      const t0 = performance.now();
      try { parseXmlTree(xml); } catch { /* most are not well-formed: only the time matters */ }
      expect(performance.now() - t0, xml.slice(0, 40)).toBeLessThan(1000);
    }
  });
});
