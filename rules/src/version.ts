/** The rule pack's version (in cache keys and reports); its own module, so a caller that needs only this does not load the pack. */
export const packVersion = '0.1.0';
