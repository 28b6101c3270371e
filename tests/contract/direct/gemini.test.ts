// The real gemini CLI against its mock API, driven by troupe's gemini backend (argv + parser), no supervisor.
import { DRIVERS } from '../harness/cli-drivers.js';
import { describeDirectContract } from '../harness/direct-contract.js';

describeDirectContract(DRIVERS.gemini, { recoversFromCutStream: false });
