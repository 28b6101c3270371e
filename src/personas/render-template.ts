/** A tiny placeholder substitution: `{{name}}` replaced by a value, nothing evaluated. */

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_.-]*)\s*\}\}/gi;

/** Names of the placeholders a template uses. */
export function placeholdersIn(template: string): Set<string> {
  return new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!));
}

/**
 * One pass over the template: values are inserted verbatim and never scanned again, so a user's
 * text containing `{{...}}` stays as typed. Unknown placeholders are left visible.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : whole,
  );
}
