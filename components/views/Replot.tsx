import { ramp, replot, type Plot } from '../../utils/chart/replot';
import type { ChartTable } from '../../utils/chart/schema';
import { t, tPlural } from '../../utils/i18n';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const color = (i: number) => COLORS[i % COLORS.length];

/** The drawing's text alternative: what kind of chart it is and what it shows (the table beside it has the values). */
function describe(p: Plot): string {
  const series = p.series.join(', ');
  if (p.kind === 'pie') return tPlural('replotPieLabel', p.marks.length, series);
  if (p.kind === 'heatmap') return t('replotHeatmapLabel', p.categories.length, p.series.length, p.yMin, p.yMax);
  if (p.kind === 'scatter' && p.x) return tPlural('replotScatterLabel', p.marks.length, series, p.x.name, p.x.min, p.x.max);
  return tPlural('replotLabel', p.categories.length, series);
}

/** The extracted table drawn again as the same kind of chart, for a visual check against the original. */
export function Replot({ table }: { table: ChartTable }) {
  const p = replot(table);
  if (!p) return null;
  const axis = p.kind !== 'pie' && p.kind !== 'heatmap';
  const low = p.height - 14;
  return (
    <svg viewBox={`0 0 ${p.width} ${p.height}`} width={p.width} height={p.height} role="img" aria-label={describe(p)} data-testid="replot" data-kind={p.kind}>
      <rect x="0" y="0" width={p.width} height={p.height} fill="none" stroke="currentColor" strokeOpacity="0.3" />
      {p.marks.map((m, i) =>
        m.kind === 'rect' ? (
          <rect key={i} x={m.x} y={m.y} width={m.w} height={m.h} fill={m.fill ?? color(m.series)} stroke={m.fill ? 'currentColor' : undefined} strokeOpacity={0.15}><title>{m.label}</title></rect>
        ) : m.kind === 'circle' ? (
          <circle key={i} cx={m.x} cy={m.y} r={3} fill={color(m.series)}><title>{m.label}</title></circle>
        ) : m.kind === 'slice' ? (
          <path key={i} d={m.d} fill={color(m.series)} stroke="#fff" strokeWidth={1}><title>{m.label}</title></path>
        ) : (
          <path key={i} d={m.d} fill="none" stroke={color(m.series)} strokeWidth={2} />
        ),
      )}
      {axis && <text x="4" y="12" fontSize="10" fill="currentColor">{p.yMax}</text>}
      {axis && <text x="4" y={p.height - 4} fontSize="10" fill="currentColor">{p.yMin}</text>}
      {p.kind === 'heatmap' && (
        <g fontSize="10" fill="currentColor">
          <rect x="4" y={low} width="10" height="10" fill={ramp(0)} stroke="currentColor" strokeOpacity={0.3} /><text x="18" y={p.height - 5}>{p.yMin}</text>
          <rect x="70" y={low} width="10" height="10" fill={ramp(1)} /><text x="84" y={p.height - 5}>{p.yMax}</text>
        </g>
      )}
      {p.x && <text x={p.width - 4} y={p.height - 4} fontSize="10" fill="currentColor" textAnchor="end">{p.x.name}: {p.x.min}–{p.x.max}</text>}
    </svg>
  );
}
