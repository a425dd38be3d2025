// Stored copies of web pages often turned a letter's full-width ，：；（）！？ into ASCII. Checking
// them as written would make every half-width finding an artifact, so the eval restores them
// first: never between digits (1,000 / 12:30), never inside an address (http://), and parentheses
// only around or beside Chinese text.
const HAN = /\p{Script=Han}/u;
const FULL = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？' };

export function restorePunctuation(text) {
  // a table row's cell bars at the end of a line are the page's, not the letter's
  let out = text.replace(/[ \t]*[|｜][ \t]*$/gmu, '');
  out = out.replace(/[,:;!?]/gu, (c, i, s) => {
    const before = s[i - 1] ?? '', after = s[i + 1] ?? '';
    if (/\d/u.test(before) && /\d/u.test(after)) return c;
    if (c === ':' && after === '/') return c;
    if (/[A-Za-z0-9]/u.test(before) && /[A-Za-z]/u.test(after)) return c; // e.g. key:value in an address
    return FULL[c];
  });
  out = out.replace(/\(([^()\n]{0,80})\)/gu, (m, inner, i, s) =>
    HAN.test(inner) || HAN.test(s[i - 1] ?? '') || HAN.test(s[i + m.length] ?? '') ? `（${inner}）` : m);
  return out;
}
