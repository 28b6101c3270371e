/** `--bead` names a bead the project does not have: said in one line, and the session runs anyway. */
import { loadBeadContext } from '../beads/index.js';
import { isTroupeError, messageOf } from '../errors/troupe-error.js';
import { quoted } from '../text/quoted.js';

const RUNS_ANYWAY = 'the session runs without bead context';

/** The warning for `beadId` in this project, or null when the project has that bead. */
export async function unknownBeadWarning(projectRoot: string, beadId: string): Promise<string | null> {
  try {
    if (await loadBeadContext(projectRoot, beadId)) return null;
    return `bead ${quoted(beadId)} is not in the project's beads: ${RUNS_ANYWAY}`;
  } catch (error) {
    // A malformed id is refused later, when the log path is made; unreadable beads are only a warning.
    if (isTroupeError(error, 'INVALID_BEAD_ID')) return null;
    return `bead ${quoted(beadId)}: the project's beads could not be read (${messageOf(error)}): ${RUNS_ANYWAY}`;
  }
}
