import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { evalLexicons } from '../eval/lexicons.mjs';

describe('lexicon evaluation (test/eval/lexicon-texts)', () => {
  it('finds the planted errors and nothing in the clean texts', async () => {
    const r = await evalLexicons({ print: false, verbose: false });
    expect(r.cleanFalse).toBe(0);
    expect(r.falses).toEqual([]);
    // two planted errors are known misses (a typo in no list, a four-character short name)
    expect(r.misses).toHaveLength(2);
    expect(r.recall).toBeGreaterThan(0.9);
  });
});
