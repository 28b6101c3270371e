/** A plain text table: the first column left-aligned, the others right-aligned. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n') + '\n';
}

/** `a / b` with a fixed number of decimals. */
export function pair(a: number, b: number, digits = 1): string {
  return `${fixed(a, digits)} / ${fixed(b, digits)}`;
}

export function fixed(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
