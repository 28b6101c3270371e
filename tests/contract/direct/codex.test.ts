// The real codex CLI against its mock API, driven by troupe's codex backend (argv + parser), no supervisor.
import { DRIVERS } from '../harness/cli-drivers.js';
import { describeDirectContract } from '../harness/direct-contract.js';

describeDirectContract(DRIVERS.codex, { recoversFromCutStream: false });
