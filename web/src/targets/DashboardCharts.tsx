// The dashboard's charts, each with the same figures as a table beside it (readable without the
// canvas, by a screen reader and on paper): targets by status per domain, budget execution per line,
// awards paid by domain and by department.
import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { Col, Row, Table } from 'antd';
import { useMoney } from '../delivery/common.tsx';
import { useI18n } from '../i18n.ts';
import { Chart, CHART_COLORS, type ChartOption } from './Chart.tsx';
import { useTt, type TargetsKey } from './messages.ts';
import { PACE_STATUSES, type Dashboard } from './types.ts';

function ChartWithTable({ title, chart, table, testId, stacked }: { title: string; chart: ReactNode; table: ReactNode; testId: string; stacked?: boolean }) {
  return (
    <section className="dash-section chart-section" data-testid={testId}>
      <h2 className="section-title">{title}</h2>
      <Row gutter={[16, 12]}>
        <Col xs={24} lg={stacked ? 24 : 13} className="chart-col">{chart}</Col>
        <Col xs={24} lg={stacked ? 24 : 11} className="table-col">{table}</Col>
      </Row>
    </section>
  );
}

/** 万元 axis labels: the ledger is in yuan, the figures run to hundreds of millions. */
const wan = (yuan: number): string => `${Math.round(yuan / 10_000).toLocaleString()}`;

export function DashboardCharts({ data }: { data: Dashboard }) {
  const tt = useTt();
  const { isEn } = useI18n();
  const money = useMoney();
  const domainName = (d: Dashboard['domains'][number]) => (isEn ? d.name.en : d.name.zh);
  const lineLabel = (l: Dashboard['budgetLines'][number]) => l.label;
  const wanUnit = isEn ? '10k yuan' : '万元';

  const statusOption = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: data.domains.map((d) => d.id.toUpperCase()) },
    series: PACE_STATUSES.map((s) => ({
      type: 'bar', stack: 'targets', name: tt(`pace.${s}` as TargetsKey), itemStyle: { color: CHART_COLORS[s] },
      data: data.domains.map((d) => d.targets[s] ?? 0),
    })),
  }), [data, tt]);

  const budgetOption = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.budgetLines.map((l) => l.id) },
    yAxis: { type: 'value', name: wanUnit, axisLabel: { formatter: (v: number) => wan(v) } },
    series: (['allocated', 'reserved', 'paid'] as const).map((k) => ({
      type: 'bar', name: tt(`dash.${k}` as TargetsKey), itemStyle: { color: CHART_COLORS[k] },
      data: data.budgetLines.map((l) => l[k]),
    })),
  }), [data, tt, wanUnit]);

  const awardsDomainOption = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.domains.map((d) => d.id.toUpperCase()) },
    yAxis: { type: 'value', name: wanUnit, axisLabel: { formatter: (v: number) => wan(v) } },
    series: [{ type: 'bar', name: tt('dash.paid'), itemStyle: { color: CHART_COLORS.paid }, data: data.domains.map((d) => d.awardsPaid.amount) }],
  }), [data, tt, wanUnit]);

  const awardsDepartmentOption = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: wanUnit, axisLabel: { formatter: (v: number) => wan(v) } },
    yAxis: { type: 'category', inverse: true, data: data.awardsByDepartment.map((a) => a.department) },
    series: [{ type: 'bar', name: tt('dash.paid'), itemStyle: { color: CHART_COLORS.paid }, data: data.awardsByDepartment.map((a) => a.amount) }],
  }), [data, tt, wanUnit]);

  const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

  return (
    <>
      <ChartWithTable
        testId="chart-status"
        title={tt('dash.targetsByStatus')}
        chart={<Chart option={statusOption} label={tt('dash.targetsByStatus')} testId="chart-status-canvas" height={300} />}
        table={(
          <Table
            size="small" rowKey="id" pagination={false} data-testid="table-status" dataSource={data.domains}
            columns={[
              { title: tt('dash.domain'), render: (_, d) => <>{d.id.toUpperCase()} {domainName(d)}</> },
              ...PACE_STATUSES.map((s) => ({ title: tt(`pace.${s}` as TargetsKey), align: 'right' as const, render: (_: unknown, d: Dashboard['domains'][number]) => d.targets[s] ?? 0 })),
            ]}
          />
        )}
      />
      <ChartWithTable
        testId="chart-budget"
        stacked
        title={tt('dash.budgetByLine')}
        chart={<Chart option={budgetOption} label={tt('dash.budgetByLine')} testId="chart-budget-canvas" height={300} />}
        table={(
          <Table
            size="small" rowKey="id" pagination={false} data-testid="table-budget" dataSource={data.budgetLines} scroll={{ x: true }}
            onRow={(l) => ({ 'data-testid': 'budget-row', 'data-id': l.id }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: tt('dash.line'), render: (_, l) => <>{l.id} {lineLabel(l)}</> },
              { title: tt('dash.planned'), align: 'right', render: (_, l) => money(l.planned) },
              { title: tt('dash.allocated'), align: 'right', render: (_, l) => money(l.allocated) },
              { title: tt('dash.reserved'), align: 'right', render: (_, l) => money(l.reserved) },
              { title: tt('dash.paid'), align: 'right', render: (_, l) => <span data-testid="budget-paid">{money(l.paid)}</span> },
              { title: tt('dash.execution'), align: 'right', render: (_, l) => pct(l.paid, l.allocated) },
            ]}
          />
        )}
      />
      <ChartWithTable
        testId="chart-awards-domain"
        title={`${tt('dash.awards')} · ${tt('dash.awardsByDomain')}`}
        chart={<Chart option={awardsDomainOption} label={tt('dash.awardsByDomain')} testId="chart-awards-domain-canvas" height={260} />}
        table={(
          <Table
            size="small" rowKey="id" pagination={false} data-testid="table-awards-domain" dataSource={data.domains}
            columns={[
              { title: tt('dash.domain'), render: (_, d) => <>{d.id.toUpperCase()} {domainName(d)}</> },
              { title: tt('dash.count'), align: 'right', render: (_, d) => d.awardsPaid.count },
              { title: tt('dash.paid'), align: 'right', render: (_, d) => money(d.awardsPaid.amount) },
            ]}
          />
        )}
      />
      <ChartWithTable
        testId="chart-awards-department"
        title={`${tt('dash.awards')} · ${tt('dash.awardsByDepartment')}`}
        chart={<Chart option={awardsDepartmentOption} label={tt('dash.awardsByDepartment')} testId="chart-awards-department-canvas" height={Math.max(200, 32 * data.awardsByDepartment.length + 60)} />}
        table={(
          <Table
            size="small" rowKey="department" pagination={false} data-testid="table-awards-department" dataSource={data.awardsByDepartment}
            columns={[
              { title: tt('dash.department'), dataIndex: 'department' },
              { title: tt('dash.count'), align: 'right', dataIndex: 'count' },
              { title: tt('dash.paid'), align: 'right', render: (_, a) => money(a.amount) },
            ]}
          />
        )}
      />
    </>
  );
}
