import { t } from '../i18n';
import { toNumber } from './compare';
import type { ChartTable } from './schema';

export interface Flag {
  row: number;
  col: number;
  message: string;
}

/** Consistency checks that need no second model: axis ranges and 100 % stacks. */
export function verifyTable(table: ChartTable): Flag[] {
  const flags: Flag[] = [];
  const axis = table.yAxis;
  const numericCols = table.columns.map((_, c) => table.rows.some((r) => toNumber(r[c]?.value) !== undefined));
  if (axis && (axis.min !== null || axis.max !== null)) {
    const span = (axis.max ?? 0) - (axis.min ?? 0);
    const slack = Math.abs(span) * 0.02;
    table.rows.forEach((row, r) => row.forEach((cell, c) => {
      const v = toNumber(cell.value);
      if (v === undefined || !numericCols[c] || c === 0) return;
      if ((axis.min !== null && v < axis.min - slack) || (axis.max !== null && v > axis.max + slack)) {
        flags.push({ row: r, col: c, message: t('chartOutsideAxis', v, axis.min ?? '…', axis.max ?? '…') });
      }
    }));
  }
  if (table.chartType === 'stacked-100') {
    // Each row's shares must add up to 100 (or 1 when given as fractions).
    table.rows.forEach((row, r) => {
      const vals = row.map((c, i) => (i > 0 && numericCols[i] ? toNumber(c.value) : undefined)).filter((v): v is number => v !== undefined);
      if (vals.length < 2) return;
      const sum = vals.reduce((a, b) => a + b, 0);
      const target = sum <= 1.5 ? 1 : 100;
      if (Math.abs(sum - target) > target * 0.02) {
        flags.push({ row: r, col: -1, message: t('chartRowSum', r + 1, +sum.toFixed(3), target) });
      }
    });
  }
  return flags;
}
