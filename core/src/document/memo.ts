let bypassed = false;

/**
 * Runs `fn` with every text memo bypassed (nothing read, nothing stored): a check from scratch,
 * for the tests that compare incremental re-checks with it and for cold-check benchmarks.
 */
export function withoutMemo<T>(fn: () => T): T {
  const was = bypassed;
  bypassed = true;
  try {
    return fn();
  } finally {
    bypassed = was;
  }
}

/**
 * A bounded least-recently-used memo keyed by text (a paragraph), for work that depends on
 * nothing but that text: re-checking a reply after a keystroke then redoes only the paragraph
 * that changed. Bounded by entries and by the characters of the keys held, so a long editing
 * session (every keystroke makes a new version of one paragraph) or one huge paragraph cannot
 * grow it without limit.
 */
export class TextMemo<V> {
  // a Map iterates in insertion order: a hit is re-inserted, so the first key is the oldest
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(readonly maxEntries = 4096, readonly maxChars = 500_000) {}

  get(key: string): V | undefined {
    if (bypassed) return undefined;
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }

  /** longer keys are not held: a huge paragraph is not worth holding on to */
  get maxKeyChars(): number { return this.maxChars / 8; }

  set(key: string, value: V): void {
    if (bypassed || key.length > this.maxKeyChars) return;
    if (this.map.delete(key)) this.chars -= key.length;
    this.map.set(key, value);
    this.chars += key.length;
    if (this.map.size > this.maxEntries || this.chars > this.maxChars) this.evict();
  }

  /**
   * Drops the oldest entries down to three quarters of both bounds, in one pass: a fresh Map
   * iterator walks over every entry deleted before it, so evicting one entry at a time was
   * quadratic on a long document.
   */
  private evict(): void {
    for (const key of this.map.keys()) {
      if (this.map.size <= this.maxEntries * 0.75 && this.chars <= this.maxChars * 0.75) break;
      this.map.delete(key);
      this.chars -= key.length;
    }
  }

  /** The memoised value, computed on a miss. */
  through(key: string, compute: () => V): V {
    let v = this.get(key);
    if (v === undefined) { v = compute(); this.set(key, v); }
    return v;
  }

  get size(): number { return this.map.size; }
}

/** Whether memos are bypassed (inside withoutMemo). */
export const memoBypassed = (): boolean => bypassed;

let slotCount = 0;

/** A slot of its own in every paragraph's memo record, for one memoising rule of one engine. */
export const newSlot = (): number => slotCount++;

/**
 * Per-paragraph memo records shared by every memoising rule (an array, one slot each): a
 * paragraph's text is hashed and compared once per check, not once per rule. Undefined while
 * memos are bypassed: the rule then just does its work.
 */
const records = new TextMemo<unknown[]>();
/** each document's records by paragraph index; null for a document the memo cannot hold */
const recordsByDocument = new WeakMap<object, unknown[][] | null>();

export function paragraphRecord(doc: { text: string; paragraphs: readonly unknown[] }, p: { index: number; text: string }): unknown[] | undefined {
  // a paragraph too long for the memo to hold gets no record either: its rules report as they go,
  // rather than keeping every finding of a 5 MB line for as long as the document lives
  if (bypassed || p.text.length > records.maxKeyChars) return undefined;
  let byIndex = recordsByDocument.get(doc);
  if (byIndex === undefined) {
    // nor does a document with more paragraphs or characters than the memo holds: it would only
    // push out its own records, and a record per paragraph with a slot per rule took ~250 MB
    // for a 20 MB file of 460,000 lines
    byIndex = doc.paragraphs.length > records.maxEntries || doc.text.length > records.maxChars ? null : [];
    recordsByDocument.set(doc, byIndex);
  }
  if (!byIndex) return undefined;
  return (byIndex[p.index] ??= records.through(p.text, () => []));
}
