import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CATEGORIES = ['format', 'specificity', 'targeting', 'communication', 'classification', 'timeliness', 'attitude', 'typography'];

/** Loads the labelled corpus: every <id>.txt with its <id>.label.json. */
export function loadCorpus(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.txt') && !f.endsWith('.suggestion.txt')).sort().map((f) => {
    const id = f.replace(/\.txt$/, '');
    const label = JSON.parse(readFileSync(join(dir, `${id}.label.json`), 'utf8'));
    // the original suggestion, when the corpus has it, is a file beside the draft
    if (label.case?.suggestion?.endsWith('.txt')) label.case.suggestion = readFileSync(join(dir, label.case.suggestion), 'utf8');
    return { id, text: readFileSync(join(dir, f), 'utf8'), label };
  });
}

/**
 * Scores one draft's findings against its labels. A labelled defect with an excerpt is found by a
 * finding of the same category overlapping the excerpt; one without an excerpt (something
 * missing) by any finding of that category. A finding is true when it matches a label of its
 * category, else false.
 */
export function score(doc, label, messages) {
  const labels = label.defects.map((d) => {
    let start = -1;
    if (d.excerpt) start = doc.text.indexOf(d.excerpt);
    return { ...d, start, end: start >= 0 ? start + d.excerpt.length : -1, found: false };
  });
  const findings = messages.map((m) => {
    // a whole-reply finding ("not specific", "no contact record") is shown at the title, so it
    // matches any defect of its category in the draft; others must overlap the labelled excerpt
    const hit = labels.filter((l) => l.category === m.category && (l.excerpt === null || m.whole || (l.start >= 0 && m.start < l.end && m.end > l.start)));
    for (const l of hit) l.found = true;
    return { ...m, true: hit.length > 0 };
  });
  return { labels, findings };
}
