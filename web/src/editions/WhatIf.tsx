// The what-if of an edition: baseline (the edition in force) against the edition on a stored population —
// winners and losers, total cost change, and the change per domain and per provision, each as an ECharts
// bar chart and as a table.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Select, Space, Statistic, Table } from 'antd';
import { Loaded } from '../components/Status.tsx';
import { Chart, type ChartOption } from '../targets/Chart.tsx';
import { apiFetch, useAction, useDeliveryApi } from '../delivery/session.tsx';
import { useEt } from './messages.ts';
import type { Population, SimulationReport } from './types.ts';

type Comparison = NonNullable<SimulationReport['comparison']>;
interface Line { key: string; title: string; baseline_yuan: number; reform_yuan: number; change_yuan: number }

const yuan = (n: number) => n.toLocaleString('zh-CN');

function ChangeChart({ lines, label, testId }: { lines: Line[]; label: string; testId: string }) {
  const et = useEt();
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: [et('ed.baseline'), et('ed.reform')] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: lines.map((l) => l.title), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      { name: et('ed.baseline'), type: 'bar', data: lines.map((l) => l.baseline_yuan), itemStyle: { color: '#91caff' } },
      { name: et('ed.reform'), type: 'bar', data: lines.map((l) => l.reform_yuan), itemStyle: { color: '#b0131d' } },
    ],
  }), [lines, et]);
  return <Chart option={option} label={label} testId={testId} height={Math.max(160, 48 * lines.length + 60)} />;
}

function ChangeTable({ lines, head, testId }: { lines: Line[]; head: string; testId: string }) {
  const et = useEt();
  return (
    <Table size="small" rowKey="key" pagination={false} dataSource={lines} data-testid={testId} columns={[
      { title: head, dataIndex: 'title' },
      { title: et('ed.baseline'), align: 'right', render: (_, l) => yuan(l.baseline_yuan) },
      { title: et('ed.reform'), align: 'right', render: (_, l) => yuan(l.reform_yuan) },
      { title: et('ed.change'), align: 'right', render: (_, l) => <strong data-testid="whatif-change" data-key={l.key}>{l.change_yuan > 0 ? '+' : ''}{yuan(l.change_yuan)}</strong> },
    ]} />
  );
}

function Result({ report }: { report: SimulationReport }) {
  const et = useEt();
  const comparison = report.comparison as Comparison;
  const titleOf = new Map(report.baseline.provisions.map((p) => [p.id, p.title]));
  // Only what changes, so the chart shows the edition's effect rather than forty unchanged bars.
  const provisions: Line[] = comparison.provisions.filter((p) => p.change_yuan !== 0).map((p) => ({ key: p.id, title: titleOf.get(p.id) ?? p.id, ...p }));
  const domains: Line[] = comparison.domains.filter((d) => d.change_yuan !== 0).map((d) => ({ ...d }));
  return (
    <div data-testid="whatif-result">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Statistic title={et('ed.winners')} value={comparison.winners} valueRender={(v) => <span data-testid="whatif-winners">{v}</span>} /></Col>
        <Col xs={12} md={6}><Statistic title={et('ed.losers')} value={comparison.losers} valueRender={(v) => <span data-testid="whatif-losers">{v}</span>} /></Col>
        <Col xs={12} md={6}><Statistic title={et('ed.unchanged')} value={comparison.unchanged} /></Col>
        <Col xs={12} md={6}><Statistic title={`${et('ed.totalChange')}（${et('ed.yuan')}）`} value={yuan(comparison.total_change_yuan)} valueRender={(v) => <span data-testid="whatif-total">{v}</span>} /></Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <h4>{et('ed.byDomain')}</h4>
          <ChangeChart lines={domains} label={et('ed.byDomain')} testId="chart-whatif-domains" />
          <ChangeTable lines={domains} head={et('ed.domain')} testId="table-whatif-domains" />
        </Col>
        <Col xs={24} xl={12}>
          <h4>{et('ed.byProvision')}</h4>
          <ChangeChart lines={provisions} label={et('ed.byProvision')} testId="chart-whatif-provisions" />
          <ChangeTable lines={provisions} head={et('ed.provision')} testId="table-whatif-provisions" />
        </Col>
      </Row>
    </div>
  );
}

export function WhatIf({ id }: { id: string }) {
  const et = useEt();
  const populations = useDeliveryApi<{ populations: Population[] }>('/populations');
  const [population, setPopulation] = useState<string | undefined>();
  const [report, setReport] = useState<SimulationReport | null>(null);
  const { run, pending } = useAction();
  async function start(name: string) {
    const result = await run(() => apiFetch<SimulationReport>(`/editions/${encodeURIComponent(id)}/what-if`, { body: { population: name } }));
    if (result) setReport(result);
  }
  return (
    <Card title={et('ed.whatIf')} data-testid="edition-whatif">
      <Loaded state={populations} rows={2}>{(data) => {
        if (data.populations.length === 0) return <Alert type="info" showIcon title={et('ed.noPopulation')} data-testid="whatif-no-population" />;
        const chosen = population ?? data.populations[0]!.name;
        return (
          <Flex vertical gap={16}>
            <Space wrap>
              {et('ed.population')}
              <Select value={chosen} onChange={setPopulation} style={{ minWidth: 240 }} data-testid="whatif-population"
                options={data.populations.map((p) => ({ value: p.name, label: `${p.name}（${p.size.toLocaleString('zh-CN')}）` }))} />
              <Button type="primary" loading={pending} onClick={() => void start(chosen)} data-testid="whatif-run">{et('ed.run')}</Button>
            </Space>
            {report && <Result report={report} />}
          </Flex>
        );
      }}</Loaded>
    </Card>
  );
}
