// Pieces the targets pages share: the pace tag and its colours, a target's figure (≥ 330 家), numbers
// in the target's unit, the stacked status bar, and the pace rule as the server states it.
import { Alert, Tag, Tooltip } from 'antd';
import type { Bilingual } from '../delivery/types.ts';
import { useI18n } from '../i18n.ts';
import { useTt, type TargetsKey } from './messages.ts';
import { PACE_STATUSES, type PaceStatus, type StatusCounts, type TargetFigure, type TargetView } from './types.ts';
import { CHART_COLORS } from './colors.ts';

const TAG_COLOR: Record<PaceStatus, string> = { met: 'success', 'on-track': 'processing', 'at-risk': 'warning', behind: 'error', 'no-report': 'default' };

export function PaceTag({ status }: { status: PaceStatus }) {
  const tt = useTt();
  return <Tag color={TAG_COLOR[status]} data-testid="pace-tag" data-status={status}>{tt(`pace.${status}` as TargetsKey)}</Tag>;
}

/** A number as the report shows it: grouped, at most two decimals. */
export function useNumber(): (n: number | null | undefined) => string {
  const { lang } = useI18n();
  return (n) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toLocaleString(lang, { maximumFractionDigits: 2 }));
}

const DIRECTION: Record<TargetFigure['direction'], string> = { '>=': '≥', '>': '>', '=': '' };

/** ≥ 330 家, ≥ 2/3, 80 家 (力争). */
export function useFigure(): (t: TargetFigure) => string {
  const num = useNumber();
  return (t) => {
    const amount = t.value === null ? `${t.numerator ?? '?'}/${t.denominator ?? '?'}` : `${num(t.value)} ${t.unit === 'share' ? '' : t.unit}`.trim();
    const direction = DIRECTION[t.direction];
    return `${direction ? `${direction} ` : ''}${amount}${t.marker ? `（${t.marker}）` : ''}`;
  };
}

/** A value in the target's unit (a share target reads as a percentage). */
export function useValue(): (value: number | null | undefined, unit: string) => string {
  const num = useNumber();
  return (value, unit) => (value === null || value === undefined ? '—' : unit === 'share' ? `${num(value * 100)}%` : `${num(value)} ${unit}`);
}

export function DerivedTag({ target }: { target: Pick<TargetView, 'derived'> }) {
  const tt = useTt();
  if (!target.derived) return null;
  return <Tooltip title={tt('derivedHint')}><Tag color="cyan" data-testid="derived-tag">{tt('derived')}</Tag></Tooltip>;
}

export function DemoTag() {
  const tt = useTt();
  return <Tag color="purple" data-testid="demo-tag">{tt('demo')}</Tag>;
}

/** The five statuses as one bar (widths by count) with the counts, for a domain card. */
export function StatusBar({ counts, testId }: { counts: StatusCounts; testId?: string }) {
  const tt = useTt();
  const total = PACE_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return (
    <div data-testid={testId}>
      <div className="status-bar" aria-hidden="true">
        {PACE_STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((s) => (
          <span key={s} style={{ flexGrow: counts[s], background: CHART_COLORS[s] }} />
        ))}
        {total === 0 && <span style={{ flexGrow: 1, background: '#f0f0f0' }} />}
      </div>
      <div className="status-counts">
        {PACE_STATUSES.map((s) => (
          <span key={s} className="status-count" data-status={s}>
            <span className="legend-swatch" style={{ background: CHART_COLORS[s] }} />{tt(`pace.${s}` as TargetsKey)} <b>{counts[s] ?? 0}</b>
          </span>
        ))}
      </div>
    </div>
  );
}

/** The pace rule: the server's documented rule (GET /targets → rule) when given, else the same rule as written here. */
export function PaceRule({ rule }: { rule?: Bilingual | null }) {
  const tt = useTt();
  const { isEn } = useI18n();
  const text = rule ? (isEn ? rule.en : rule.zh) : tt('pace.ruleText');
  return <Alert type="info" className="pace-rule" data-testid="pace-rule" title={tt('pace.rule')} description={<span data-testid="pace-rule-text">{text}</span>} />;
}

/** 'A06' or '6' → 6; null when it is not an article. */
export function articleNumber(id: string | null | undefined): number | null {
  if (!id) return null;
  const match = /^A?0*(\d+)$/i.exec(id);
  return match ? Number(match[1]) : null;
}

export const articleId = (n: number): string => `A${String(n).padStart(2, '0')}`;
/** 'd3' → 3. */
export const domainNumber = (id: string): number => Number(id.replace(/^d/i, ''));
