// The real gemini CLI against its mock API, through the whole troupe path.
import { DRIVERS } from '../harness/cli-drivers.js';
import { describeTroupeContract } from '../harness/troupe-contract.js';

describeTroupeContract(DRIVERS.gemini, { recoversFromCutStream: false });
