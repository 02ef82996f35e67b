import { toNumber } from './compare';
import type { ChartTable } from './schema';

export interface Flag {
  row: number;
  col: number;
  message: string;
}

/** Consistency checks that need no second model: axis ranges and 100 % stacks. */
export function verifyTable(t: ChartTable): Flag[] {
  const flags: Flag[] = [];
  const axis = t.yAxis;
  const numericCols = t.columns.map((_, c) => t.rows.some((r) => toNumber(r[c]?.value) !== undefined));
  if (axis && (axis.min !== null || axis.max !== null)) {
    const span = (axis.max ?? 0) - (axis.min ?? 0);
    const slack = Math.abs(span) * 0.02;
    t.rows.forEach((row, r) => row.forEach((cell, c) => {
      const v = toNumber(cell.value);
      if (v === undefined || !numericCols[c] || c === 0) return;
      if ((axis.min !== null && v < axis.min - slack) || (axis.max !== null && v > axis.max + slack)) {
        flags.push({ row: r, col: c, message: `${v} is outside the axis range ${axis.min ?? '…'}–${axis.max ?? '…'}.` });
      }
    }));
  }
  if (t.chartType === 'stacked-100') {
    // Each row's shares must add up to 100 (or 1 when given as fractions).
    t.rows.forEach((row, r) => {
      const vals = row.map((c, i) => (i > 0 && numericCols[i] ? toNumber(c.value) : undefined)).filter((v): v is number => v !== undefined);
      if (vals.length < 2) return;
      const sum = vals.reduce((a, b) => a + b, 0);
      const target = sum <= 1.5 ? 1 : 100;
      if (Math.abs(sum - target) > target * 0.02) {
        flags.push({ row: r, col: -1, message: `Row ${r + 1} adds up to ${+sum.toFixed(3)}, not ${target}.` });
      }
    });
  }
  return flags;
}
