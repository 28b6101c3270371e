/** `troupe-sim-agent --help`. */
import { KNOB_SPECS, envName, type KnobName } from './knobs.js';

export function helpText(): string {
  const knobs = (Object.keys(KNOB_SPECS) as KnobName[]).map((name) => `  --sim-${name.padEnd(16)} ${envName(name)}`);
  return [
    'Usage: troupe-sim-agent -p <prompt> --output-format stream-json --verbose [options]',
    '',
    "A simulated coding agent that speaks Claude Code's stream-json.",
    '',
    'Options (as Claude Code):',
    '  -p, --print                 non-interactive; the prompt is the positional argument',
    '  --output-format stream-json required',
    '  --verbose                   required with stream-json',
    '  --input-format stream-json  long-lived: one turn per stdin user message line',
    '  --include-partial-messages  stream_event deltas before each finished block',
    '  -r, --resume <id>           continue a stored conversation',
    '  --session-id <uuid>         the id of a new conversation',
    '  --fork-session              with --resume: continue under a new id',
    '  --model <model>',
    '',
    'Knobs (flag, or env; the flag wins):',
    ...knobs,
    '',
  ].join('\n');
}
