// min / median / max per metric for both sides, and the ratio of medians, as a plain-text table.

export interface Row {
  readonly metric: string;
  readonly causette: readonly number[];
  /** Empty when the baseline has no such step. */
  readonly baseline: readonly number[];
  readonly unit: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

const fmt = (value: number) => (Number.isInteger(value) ? String(value) : value >= 100 ? value.toFixed(0) : value.toFixed(1));

function spread(values: readonly number[]): string {
  if (values.length === 0) return '—';
  return `${fmt(Math.min(...values))} / ${fmt(median(values))} / ${fmt(Math.max(...values))}`;
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['metric', 'unit', 'Causette min / med / max', 'baseline min / med / max', 'Causette ÷ baseline (med)'];
  const body = rows.map((row) => [
    row.metric,
    row.unit,
    spread(row.causette),
    spread(row.baseline),
    row.baseline.length === 0 || row.causette.length === 0 || median(row.baseline) === 0 ? '—' : `${(median(row.causette) / median(row.baseline)).toFixed(2)}×`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
