// min / median / max per metric for both sides, and the ratio of medians, as a plain-text table; goals on that ratio.

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

export const fmt = (value: number) => (Number.isInteger(value) ? String(value) : value >= 100 ? value.toFixed(0) : value.toFixed(1));

function spread(values: readonly number[]): string {
  if (values.length === 0) return '—';
  return `${fmt(Math.min(...values))} / ${fmt(median(values))} / ${fmt(Math.max(...values))}`;
}

/** Causette's median over the baseline's, or undefined when either side has none. */
export function ratioOf(row: Row): number | undefined {
  if (row.baseline.length === 0 || row.causette.length === 0 || median(row.baseline) === 0) return undefined;
  return median(row.causette) / median(row.baseline);
}

/** Cells under a header, each column padded to its widest cell, as a Markdown-style table. */
export function renderGrid(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['metric', 'unit', 'Causette min / med / max', 'baseline min / med / max', 'Causette ÷ baseline (med)'];
  return renderGrid(
    header,
    rows.map((row) => {
      const ratio = ratioOf(row);
      return [row.metric, row.unit, spread(row.causette), spread(row.baseline), ratio === undefined ? '—' : `${ratio.toFixed(2)}×`];
    }),
  );
}

/**
 * A goal on a row's ratio, in this run: Causette's median at most `max` times the baseline's (a time, a size), or at
 * least `min` times (a throughput).
 */
export type Goal = { readonly row: Row; readonly max: number } | { readonly row: Row; readonly min: number };

/** One line per goal: the goal, the ratio measured in this run, and whether it was met. */
export function renderGoals(goals: readonly Goal[]): string {
  return goals
    .map((goal) => {
      const ratio = ratioOf(goal.row);
      // Judged on the ratio as printed, so that a shown 1.20× never misses a goal of 1.20×.
      const shown = ratio === undefined ? undefined : Math.round(ratio * 100) / 100;
      const [sign, bound] = 'max' in goal ? ['≤', goal.max] : ['≥', goal.min];
      const met = (value: number) => ('max' in goal ? value <= goal.max : value >= goal.min);
      const verdict = shown === undefined ? 'not measured' : met(shown) ? 'met' : 'missed';
      const measured = shown === undefined ? '—' : `${shown.toFixed(2)}×`;
      return `goal: ${goal.row.metric.trim()} ${sign} ${bound.toFixed(2)}× baseline; measured ${measured}: ${verdict}`;
    })
    .join('\n');
}
