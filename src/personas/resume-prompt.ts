/** The message sent to an agent resumed after its turn was cut short (crash, restart, timeout). */

const MAX_REASON_CHARS = 300;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON_CHARS ? `${flat.slice(0, MAX_REASON_CHARS - 1)}…` : flat;
}

export function buildResumePrompt(reason?: string): string {
  const why = reason === undefined || oneLine(reason) === '' ? '' : ` (${oneLine(reason)})`;
  return [
    `Your previous turn was interrupted before it finished${why}; the session has been restarted.`,
    'Do not start over: first check what was already done (the files you changed, `git status`, the bead with `bd show <id>`).',
    'Then continue the task from where it stopped.',
    'If the work was in fact complete, say so briefly and summarise the result.',
  ].join('\n');
}
