import type { Lexicons } from '@dafu/core';
import stock from './lexicons/stock-phrases.json' with { type: 'json' };
import shirking from './lexicons/shirking.json' with { type: 'json' };
import positive from './lexicons/positive-markers.json' with { type: 'json' };
import typos from './lexicons/typos.json' with { type: 'json' };
import formulations from './lexicons/formulations.json' with { type: 'json' };
import reduplication from './lexicons/reduplication.json' with { type: 'json' };

type Entry = Lexicons[string][number];
const asPhrases = (list: unknown[]): Entry[] => list.map((e) => (typeof e === 'string' ? { phrase: e } : (e as Entry)));
const asPairs = (list: Array<{ wrong: string; right: string; note?: string; unless?: string[] }>): Entry[] =>
  list.map(({ wrong, ...rest }) => ({ phrase: wrong, ...rest }));

/**
 * The shipped lexicons under one name each. A unit's config can add or remove entries
 * (`lexicons.<name>.add/remove`); typo-like lists are { phrase: wrong, right }.
 */
export const lexicons: Lexicons = {
  stockPhrases: asPhrases(stock.entries),
  shirking: asPhrases(shirking.entries),
  positiveMarkers: asPhrases(positive.entries),
  typos: [...asPairs(typos.entries), ...asPairs(formulations.entries)],
  reduplicationAllowed: asPhrases(reduplication.allowed),
  typoDoubles: asPhrases(reduplication.typoDoubles),
};
