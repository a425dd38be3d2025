/**
 * Collects the suggestion a reply answers from where the user can see it: the reply page, the
 * other same-origin frames of the tab (a frameset, a 原件 tab panel loaded as an iframe, the
 * record beside a Layui dialog), and through the background the other tabs of the same site.
 */
import { browser } from 'wxt/browser';
import { readPageSuggestion } from '../fields/record';
import { candidateKey, SUGGEST_QUERY, type SuggestionCandidate, type SuggestReadReply } from '../suggest';

const MAX_FRAMES = 40;
const MAX_DEPTH = 6;

function docOf(frame: Element): Document | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null; // cross-origin
  }
}

/** An editor's own document (UEditor, KindEditor … bodies) holds the reply, never the suggestion. */
function isEditorDoc(doc: Document): boolean {
  const body = doc.body;
  if (!body) return true;
  const ce = body.getAttribute('contenteditable');
  return doc.designMode === 'on' || (ce !== null && ce.toLowerCase() !== 'false');
}

/** The outermost document of the tab this one can reach (same-origin parents only). */
export function topSameOriginDocument(doc: Document): Document {
  let d = doc;
  for (let i = 0; i < MAX_DEPTH; i++) {
    let fe: Element | null = null;
    try { fe = d.defaultView?.frameElement ?? null; } catch { fe = null; }
    if (!fe) break;
    d = fe.ownerDocument;
  }
  return d;
}

/** Every same-origin document under `root` (itself included), editor documents left out. */
export function sameOriginDocuments(root: Document): Document[] {
  const out: Document[] = [];
  const visit = (d: Document, depth: number) => {
    if (out.length >= MAX_FRAMES || isEditorDoc(d)) return;
    out.push(d);
    if (depth >= MAX_DEPTH) return;
    for (const f of Array.from(d.querySelectorAll('iframe, frame'))) {
      const child = docOf(f);
      if (child && !out.includes(child)) visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return out;
}

const titleOf = (d: Document) => (d.title || '').trim() || undefined;

/** The suggestion in the other same-origin frames of this tab (not in `doc` itself). */
export function frameSuggestions(doc: Document): SuggestionCandidate[] {
  const out: SuggestionCandidate[] = [];
  for (const d of sameOriginDocuments(topSameOriginDocument(doc))) {
    if (d === doc) continue;
    const s = readPageSuggestion(d);
    if (s) out.push({ where: 'frame', text: s.text, label: s.label, ...(s.title ? { title: s.title } : {}), ...(titleOf(d) ? { pageTitle: titleOf(d) } : {}) });
  }
  return out;
}

/** What this tab shows (its top document and the same-origin frames under it), for another tab. */
export function tabSuggestions(top: Document): SuggestionCandidate[] {
  const out: SuggestionCandidate[] = [];
  for (const d of sameOriginDocuments(top)) {
    const s = readPageSuggestion(d);
    if (s) out.push({ where: 'tab', text: s.text, label: s.label, ...(s.title ? { title: s.title } : {}), ...(titleOf(top) ? { pageTitle: titleOf(top) } : {}) });
  }
  return out;
}

/** Asks the background for the suggestion other tabs of this site show; [] when none answer. */
export async function otherTabSuggestions(): Promise<SuggestionCandidate[]> {
  try {
    const r = await browser.runtime.sendMessage({ type: SUGGEST_QUERY }) as SuggestReadReply | undefined;
    return Array.isArray(r?.candidates) ? r.candidates.filter((c) => typeof c?.text === 'string' && c.text.trim()).map((c) => ({ ...c, where: 'tab' as const })) : [];
  } catch {
    return [];
  }
}

/** One entry per distinct text, the nearest place first (page, then frame, then tab). */
export function mergeCandidates(...lists: SuggestionCandidate[][]): SuggestionCandidate[] {
  const seen = new Set<string>();
  const out: SuggestionCandidate[] = [];
  for (const c of lists.flat()) {
    const k = candidateKey(c);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}
