import { setFlagsFromString } from 'node:v8';

/**
 * A batch's functions are each run a few thousand times at most, and V8's default tier-up
 * threshold sends some 250 of them (the rule pack, the .docx reader) to the optimizing compiler
 * within the first drafts. Those compiles run on background threads that compete with the
 * workers for the cores: in a 600-draft batch on two cores they were about a quarter of the
 * process's CPU, and the optimized code did not earn it back. About 7× the default threshold
 * leaves only the really hot code to be optimized (`npm run bench`: batch wall about −20%).
 *
 * Called by a batch worker once it has loaded: V8 flags are process-wide, and a
 * flag changed before Node has compiled its own modules makes it compile them again without
 * its code cache (which a single `dafu check` would pay for in its start-up). Speed only: no
 * result can change.
 */
export function tierUpLater(): void {
  setFlagsFromString('--interrupt-budget=1000000');
}
