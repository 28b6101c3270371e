// The real claude CLI against its mock API, driven by troupe's claude backend (argv + parser), no supervisor.
import { DRIVERS } from '../harness/cli-drivers.js';
import { describeDirectContract } from '../harness/direct-contract.js';

describeDirectContract(DRIVERS.claude, { recoversFromCutStream: true });
