// The real codex CLI through the whole troupe path: an interrupted turn and a hung API.
import { DRIVERS } from '../harness/cli-drivers.js';
import { describeTroupeStalledTurns } from '../harness/troupe-stalled-turns.js';

describeTroupeStalledTurns(DRIVERS.codex, { silenceMs: 2_000 });
