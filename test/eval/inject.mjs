// Defects injected into real letters, one kind at a time, for recall on real text. Each returns the
// changed text and, when the defect has a place, its range; or null when the letter has no place
// for it (no body sentence with a comma, no salutation …).
const roleLines = (letter, role) => Object.entries(letter.roles ?? {}).filter(([, r]) => r === role).map(([l]) => Number(l));
const lines = (text) => text.split('\n');
const offsetOfLine = (ls, n) => ls.slice(0, n - 1).reduce((a, l) => a + l.length + 1, 0);
/** Body lines: non-blank, not annotated with a role, long enough to be prose. */
const bodyLines = (letter, ls) => ls.map((l, i) => i + 1).filter((n) => !letter.roles?.[n] && ls[n - 1].trim().length >= 30);

function atLine(letter, pick, edit) {
  const ls = lines(letter.text);
  const n = pick(ls);
  if (!n) return null;
  const old = ls[n - 1];
  if (old === undefined) return null;
  const e = edit(old);
  if (!e) return null;
  ls[n - 1] = e.line;
  const base = offsetOfLine(ls, n);
  return { text: ls.join('\n'), at: e.at && { start: base + e.at[0], end: base + e.at[1] } };
}

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });
const SHIRK = '该事项不属于我局职责范围，建议您向有关部门反映。';
const VAGUE = '我们高度重视，认真研究，积极协调有关部门，进一步加强工作，切实抓好落实，努力推动问题逐步得到解决。';

export const INJECTIONS = [
  {
    kind: 'shirking', rules: ['shirking'],
    apply: (letter) => atLine(letter, (ls) => bodyLines(letter, ls)[0], (l) => ({ line: l + SHIRK, at: [l.length, l.length + SHIRK.length] })),
  },
  {
    kind: 'vague-body', rules: ['specificity-low', 'substantive-length'],
    apply: (letter) => {
      const ls = lines(letter.text);
      const body = bodyLines(letter, ls).filter((n) => letter.roles?.[n] === undefined);
      if (body.length < 1) return null;
      const keep = ls.filter((_, i) => !body.includes(i + 1) || i + 1 === body[0]);
      keep[keep.indexOf(ls[body[0] - 1])] = VAGUE;
      return { text: keep.join('\n') };
    },
  },
  {
    // a whole word typed twice: the last word of two or more characters before the first comma or stop
    kind: 'doubled-word', rules: ['doubled-words'],
    apply: (letter) => atLine(letter, (ls) => bodyLines(letter, ls)[1] ?? bodyLines(letter, ls)[0], (l) => {
      const i = l.search(/[，。]/u);
      if (i < 4) return null;
      const words = [...SEGMENTER.segment(l.slice(0, i))].filter((w) => w.isWordLike);
      const w = words[words.length - 1];
      if (!w || !/^\p{Script=Han}{2,4}$/u.test(w.segment)) return null;
      const end = w.index + w.segment.length;
      return { line: l.slice(0, end) + w.segment + l.slice(end), at: [w.index, end + w.segment.length] };
    }),
  },
  {
    kind: 'half-width-punct', rules: ['punct-fullwidth'],
    apply: (letter) => atLine(letter, (ls) => bodyLines(letter, ls).find((n) => /\p{Script=Han}，\p{Script=Han}/u.test(ls[n - 1])), (l) => {
      const i = l.search(/\p{Script=Han}，\p{Script=Han}/u) + 1;
      return { line: `${l.slice(0, i)},${l.slice(i + 1)}`, at: [i, i + 1] };
    }),
  },
  {
    kind: 'salutation-vocab', rules: ['vocab-npc-in-cppcc', 'vocab-cppcc-in-npc', 'salutation'],
    apply: (letter) => atLine(letter, () => roleLines(letter, 'salutation')[0], (l) => {
      const [from, to] = letter.kind === 'npc' ? ['代表', '委员'] : ['委员', '代表'];
      const i = l?.lastIndexOf(from) ?? -1;
      if (i < 0) return null;
      return { line: l.slice(0, i) + to + l.slice(i + 2), at: [i, i + 2] };
    }),
  },
  {
    kind: 'contact-record-removed', rules: ['contact-record'],
    apply: (letter, before) => {
      // only letters whose record the rule accepts: remove every sentence that tells of contact
      if (letter.role === 'co' || before.messages.some((m) => m.ruleId === 'contact-record')) return null; // a 会办意见 needs no record
      const CONTACT = /沟通|联系|座谈|走访|面商|面谈|见面|交流|电话|上门|登门|拜访|征求|听取|对接|现场|调研|会商|商谈|汇报|反馈|满意|察看|查看|踏勘|勘察|考察|一同|共同|当面|视频|短信|微信|约见|陪同|邀请/u;
      const ls = lines(letter.text);
      let removed = 0;
      const out = ls.map((l, i) => {
        if (letter.roles?.[i + 1] && letter.roles[i + 1] !== 'opening' && letter.roles[i + 1] !== 'closing') return l;
        return l.split(/(?<=[。！？；])/u).filter((s) => { const hit = CONTACT.test(s); if (hit) removed++; return !hit; }).join('');
      });
      return removed ? { text: out.join('\n') } : null;
    },
  },
];
