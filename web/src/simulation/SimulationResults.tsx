// A simulation's report: the total against the 110.4亿 policy total (net of overlaps) and the budget lines,
// cost per domain and per department (current against reform when there is one), the distribution of what
// each beneficiary gets, winners and losers; every chart also as a table.
import { useMemo, type ReactNode } from 'react';
import { Col, Descriptions, Row, Statistic, Table } from 'antd';
import type { GroupLine, SimulationReport, VariantReport } from '../../../src/services/simulation.ts';
import { useMoney } from '../delivery/common.tsx';
import { useI18n } from '../i18n.ts';
import { Chart, type ChartOption } from '../targets/Chart.tsx';
import { useSt } from './messages.ts';

const BASE_COLOR = '#8c8c8c';
const REFORM_COLOR = '#c8102e';

function ChartWithTable({ title, chart, table, testId }: { title: string; chart: ReactNode; table: ReactNode; testId: string }) {
  return (
    <section className="dash-section chart-section" data-testid={testId}>
      <h2 className="section-title">{title}</h2>
      <Row gutter={[16, 12]}>
        <Col xs={24} lg={13} className="chart-col">{chart}</Col>
        <Col xs={24} lg={11} className="table-col">{table}</Col>
      </Row>
    </section>
  );
}

const wan = (yuan: number): string => `${Math.round(yuan / 10_000).toLocaleString()}`;

interface GroupRow { key: string; title: string; baseline: number; reform?: number }

function groupRows(report: SimulationReport, pick: (v: VariantReport) => GroupLine[]): GroupRow[] {
  return pick(report.baseline).map((g) => ({
    key: g.key, title: g.title, baseline: g.cost_yuan,
    ...(report.reform ? { reform: pick(report.reform).find((r) => r.key === g.key)?.cost_yuan ?? 0 } : {}),
  }));
}

function GroupChart({ report, pick, title, testId, horizontal }: { report: SimulationReport; pick: (v: VariantReport) => GroupLine[]; title: string; testId: string; horizontal?: boolean }) {
  const st = useSt();
  const money = useMoney();
  const { isEn } = useI18n();
  const rows = useMemo(() => groupRows(report, pick), [report, pick]);
  const unit = isEn ? '10k yuan' : '万元';
  const option = useMemo<ChartOption>(() => {
    const categories = rows.map((r) => (horizontal ? r.title : r.key));
    const series: ChartOption['series'] = [{ type: 'bar', name: st('baseline'), itemStyle: { color: BASE_COLOR }, data: rows.map((r) => r.baseline) }];
    if (report.reform) series.push({ type: 'bar', name: st('reformed'), itemStyle: { color: REFORM_COLOR }, data: rows.map((r) => r.reform ?? 0) });
    const valueAxis = { type: 'value' as const, name: unit, axisLabel: { formatter: (v: number) => wan(v) } };
    const categoryAxis = { type: 'category' as const, data: categories, ...(horizontal ? { inverse: true } : {}) };
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis, yAxis: horizontal ? categoryAxis : valueAxis, series,
    };
  }, [rows, report.reform, st, unit, horizontal]);
  return (
    <ChartWithTable
      testId={`sim-${testId}`}
      title={title}
      chart={<Chart option={option} label={title} testId={`sim-${testId}-canvas`} height={horizontal ? Math.max(240, rows.length * 28) : 280} />}
      table={(
        <Table<GroupRow> size="small" rowKey="key" pagination={false} dataSource={rows} data-testid={`sim-${testId}-table`}
          columns={[
            { title: st('col.key'), dataIndex: 'key', width: 60 },
            { title: st('col.name'), dataIndex: 'title' },
            { title: st('baseline'), dataIndex: 'baseline', align: 'right', render: (v: number) => money(v) },
            ...(report.reform ? [{ title: st('reformed'), dataIndex: 'reform', align: 'right' as const, render: (v: number) => money(v) }] : []),
          ]}
        />
      )}
    />
  );
}

interface BandRow { key: string; label: string; baseline: number; reform?: number }

function Distribution({ report }: { report: SimulationReport }) {
  const st = useSt();
  const money = useMoney();
  const rows = useMemo<BandRow[]>(() => [
    { key: 'none', label: st('band.none'), baseline: report.baseline.distribution.none, ...(report.reform ? { reform: report.reform.distribution.none } : {}) },
    ...report.baseline.distribution.bands.map((b, i) => ({
      key: String(b.from_yuan),
      label: b.to_yuan === null ? st('band.above', { from: money(b.from_yuan) }) : `${money(b.from_yuan)} – ${money(b.to_yuan)}`,
      baseline: b.beneficiaries, ...(report.reform ? { reform: report.reform.distribution.bands[i]!.beneficiaries } : {}),
    })),
  ], [report, st, money]);
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: st('baseline'), barCategoryGap: '10%', itemStyle: { color: BASE_COLOR }, data: rows.map((r) => r.baseline) },
      ...(report.reform ? [{ type: 'bar' as const, name: st('reformed'), itemStyle: { color: REFORM_COLOR }, data: rows.map((r) => r.reform ?? 0) }] : []),
    ],
  }), [rows, report.reform, st]);
  return (
    <ChartWithTable
      testId="sim-distribution"
      title={st('distribution')}
      chart={<Chart option={option} label={st('distribution')} testId="sim-distribution-canvas" />}
      table={(
        <Table<BandRow> size="small" rowKey="key" pagination={false} dataSource={rows} data-testid="sim-distribution-table"
          columns={[
            { title: st('col.band'), dataIndex: 'label' },
            { title: st('baseline'), dataIndex: 'baseline', align: 'right' },
            ...(report.reform ? [{ title: st('reformed'), dataIndex: 'reform', align: 'right' as const }] : []),
          ]}
        />
      )}
    />
  );
}

const domains = (v: VariantReport) => v.domains;
const departments = (v: VariantReport) => v.departments;

export function SimulationResults({ report }: { report: SimulationReport }) {
  const st = useSt();
  const money = useMoney();
  const total = report.baseline.budgets.find((b) => b.scope === 'document');
  const share = (cost: number) => (total?.budget_yuan ? `${Math.round((cost * 1000) / total.budget_yuan) / 10}%` : '—');
  const pending = report.baseline.provisions.reduce((n, p) => n + p.pending, 0);
  return (
    <section data-testid="sim-results">
      <p className="muted" data-testid="sim-evaluated">{st('evaluated', { n: report.evaluated, year: report.year, asOf: report.as_of, ms: report.wall_ms })}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}><Statistic title={`${st('total')} · ${st('baseline')}`} value={money(report.baseline.total_cost_yuan)} data-testid="sim-total-baseline" /></Col>
        {report.reform && <Col xs={24} md={8}><Statistic title={`${st('total')} · ${st('reformed')}`} value={money(report.reform.total_cost_yuan)} data-testid="sim-total-reform" /></Col>}
        {report.comparison && <Col xs={24} md={8}><Statistic title={st('change')} value={money(report.comparison.total_change_yuan)} /></Col>}
      </Row>
      {total && (
        <p data-testid="sim-vs-total">
          {st('vsTotal', { budget: money(total.budget_yuan), share: share(report.baseline.total_cost_yuan) })}
          {report.reform ? ` → ${share(report.reform.total_cost_yuan)}` : ''}
          <br /><span className="muted">{st('netOfOverlaps', { total: money(total.budget_yuan) })}</span>
        </p>
      )}
      {pending > 0 && <p className="muted">{st('pending', { n: pending })}</p>}
      {report.comparison && (
        <Descriptions size="small" bordered column={{ xs: 1, sm: 3 }} title={st('comparison')} data-testid="sim-comparison" style={{ margin: '16px 0' }}>
          <Descriptions.Item label={st('winners')}><b data-testid="sim-winners">{report.comparison.winners}</b></Descriptions.Item>
          <Descriptions.Item label={st('losers')}><b data-testid="sim-losers">{report.comparison.losers}</b></Descriptions.Item>
          <Descriptions.Item label={st('unchanged')}>{report.comparison.unchanged}</Descriptions.Item>
        </Descriptions>
      )}
      <h2 className="section-title">{st('budgets')}</h2>
      <Table size="small" rowKey="id" pagination={false} dataSource={report.baseline.budgets} data-testid="sim-budgets-table"
        columns={[
          { title: st('col.line'), dataIndex: 'id', width: 60 },
          { title: st('col.name'), dataIndex: 'label' },
          { title: st('col.budget'), dataIndex: 'budget_yuan', align: 'right', render: (v: number | null) => money(v) },
          { title: `${st('col.cost')} · ${st('baseline')}`, dataIndex: 'cost_yuan', align: 'right', render: (v: number) => money(v) },
          ...(report.reform ? [{ title: `${st('col.cost')} · ${st('reformed')}`, key: 'reform', align: 'right' as const, render: (_: unknown, b: { id: string }) => money(report.reform!.budgets.find((r) => r.id === b.id)?.cost_yuan) }] : []),
          { title: st('col.share'), dataIndex: 'share_percent', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
        ]}
      />
      <GroupChart report={report} pick={domains} title={st('byDomain')} testId="domains" />
      <GroupChart report={report} pick={departments} title={st('byDepartment')} testId="departments" horizontal />
      <Distribution report={report} />
    </section>
  );
}
