import { describe, expect, it } from 'vitest';
import { checkDelay } from '../../extension/utils/content/controller';

describe('the wait before a re-check after an edit', () => {
  it('is none for a short draft, so the underlines follow the typing', () => {
    expect(checkDelay(0)).toBe(0);
    expect(checkDelay(800)).toBe(0);
    expect(checkDelay(2000)).toBe(0);
  });

  it('grows with a long draft’s length and stays within the 150 ms to the underline at 10,000 characters', () => {
    expect(checkDelay(10_000)).toBe(100);
    for (let n = 2000; n < 60_000; n += 997) expect(checkDelay(n + 997)).toBeGreaterThanOrEqual(checkDelay(n));
  });

  it('is capped, so even a very long draft is checked after a short pause', () => {
    expect(checkDelay(1_000_000)).toBe(400);
  });
});
