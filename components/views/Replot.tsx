import { replot } from '../../utils/chart/replot';
import type { ChartTable } from '../../utils/chart/schema';
import { tPlural } from '../../utils/i18n';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

/** The extracted table drawn as a simple chart, for a visual check against the original. */
export function Replot({ table }: { table: ChartTable }) {
  const p = replot(table);
  if (!p) return null;
  return (
    <svg viewBox={`0 0 ${p.width} ${p.height}`} width={p.width} height={p.height} role="img" aria-label={tPlural('replotLabel', p.categories.length, p.series.join(', '))} data-testid="replot">
      <rect x="0" y="0" width={p.width} height={p.height} fill="none" stroke="currentColor" strokeOpacity="0.3" />
      {p.marks.map((m, i) =>
        m.kind === 'rect' ? (
          <rect key={i} x={m.x} y={m.y} width={m.w} height={m.h} fill={COLORS[m.series % COLORS.length]}><title>{m.label}</title></rect>
        ) : m.kind === 'circle' ? (
          <circle key={i} cx={m.x} cy={m.y} r={3} fill={COLORS[m.series % COLORS.length]}><title>{m.label}</title></circle>
        ) : (
          <path key={i} d={m.d} fill="none" stroke={COLORS[m.series % COLORS.length]} strokeWidth={2} />
        ),
      )}
      <text x="4" y="12" fontSize="10" fill="currentColor">{p.yMax}</text>
      <text x="4" y={p.height - 4} fontSize="10" fill="currentColor">{p.yMin}</text>
    </svg>
  );
}
