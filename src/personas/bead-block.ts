/** The text that stands for `{{bead}}`: the bead context, a minimal stand-in, or "no bead". */

export const NO_BEAD_TEXT =
  'No bead is attached to this session. Work from the request below; `bd ready` lists open work.';

export interface BeadFields {
  beadContext?: string;
  beadId?: string;
  beadTitle?: string;
}

export function hasBead(fields: BeadFields): boolean {
  return Boolean(fields.beadContext?.trim() || fields.beadId?.trim());
}

export function beadBlock(fields: BeadFields): string {
  const context = fields.beadContext?.trim();
  if (context) return context;
  const id = fields.beadId?.trim();
  if (!id) return NO_BEAD_TEXT;
  const title = fields.beadTitle?.trim();
  return `Bead ${id}${title ? `: ${title}` : ''}\nRun \`bd show ${id}\` for its description and acceptance criteria.`;
}
