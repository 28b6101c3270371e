// The real claude CLI through the whole troupe path: an interrupted turn and a hung API.
import { DRIVERS } from '../harness/cli-drivers.js';
import { describeTroupeStalledTurns } from '../harness/troupe-stalled-turns.js';

describeTroupeStalledTurns(DRIVERS.claude, { silenceMs: 2_000 });
