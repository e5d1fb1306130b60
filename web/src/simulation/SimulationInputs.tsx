// The simulation's inputs: the stored population (or a new synthetic one), the take-up per provision
// (0–100%, 100 by default) and the optional reform (new values of the pack's parameters).
import { useState } from 'react';
import { Button, Input, InputNumber, Select, Space, Table } from 'antd';
import type { PopulationView } from '../../../src/services/populations.ts';
import type { ProvisionView } from '../../../src/services/policy-views.ts';
import type { ParameterView } from '../../../src/services/delivery-views.ts';
import { useAction, apiFetch } from '../delivery/session.tsx';
import { useI18n } from '../i18n.ts';
import { useSt } from './messages.ts';

export const validTakeUp = (v: number | null | undefined): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100;

export function PopulationPicker({ populations, value, onChange, mayGenerate, onGenerated }: {
  populations: PopulationView[]; value: string | undefined; onChange: (name: string) => void; mayGenerate: boolean; onGenerated: (p: PopulationView) => void;
}) {
  const st = useSt();
  const { run, pending } = useAction();
  const [size, setSize] = useState<number | null>(2000);
  const [seed, setSeed] = useState<number | null>(1);
  async function generate() {
    const made = await run(() => apiFetch<PopulationView>('/populations', { method: 'POST', body: { size, seed } }));
    if (made) onGenerated(made);
  }
  return (
    <Space wrap align="center">
      {populations.length === 0
        ? <span className="muted" data-testid="sim-no-population">{st('population.none')}</span>
        : (
          <span data-testid="sim-population">
            <Select style={{ minWidth: 320 }} placeholder={st('population.pick')} value={value} onChange={onChange}
              options={populations.map((p) => ({ value: p.name, label: st('population.option', { name: p.name, size: p.size, source: p.source }) }))} />
          </span>
        )}
      {mayGenerate && (
        <Space.Compact>
          <span data-testid="sim-gen-size"><InputNumber min={1} max={200_000} precision={0} value={size} onChange={setSize} addonBefore={st('population.size')} /></span>
          <span data-testid="sim-gen-seed"><InputNumber precision={0} value={seed} onChange={setSeed} addonBefore={st('population.seed')} style={{ width: 140 }} /></span>
          <Button onClick={() => void generate()} loading={pending} disabled={!size || seed === null} data-testid="sim-generate">{st('population.generate')}</Button>
        </Space.Compact>
      )}
    </Space>
  );
}

export function TakeUpTable({ provisions, takeUp, onChange }: { provisions: ProvisionView[]; takeUp: Record<string, number | null>; onChange: (id: string, v: number | null) => void }) {
  const st = useSt();
  const { isEn } = useI18n();
  return (
    <Table<ProvisionView> size="small" rowKey="id" dataSource={provisions} data-testid="sim-takeup" pagination={{ pageSize: 10, showSizeChanger: false }}
      columns={[
        { title: st('col.provision'), render: (_: unknown, p) => <>{isEn ? p.title.en : p.title.zh} <span className="muted mono">{p.id}</span></> },
        {
          title: st('col.takeUp'), width: 160, render: (_: unknown, p) => {
            const v = takeUp[p.id] === undefined ? 100 : takeUp[p.id];
            return (
              <span data-testid={`takeup-${p.id}`}>
                <InputNumber size="small" value={v} onChange={(n) => onChange(p.id, n)} status={validTakeUp(v) ? undefined : 'error'} title={validTakeUp(v) ? undefined : st('takeUp.invalid')} />
              </span>
            );
          },
        },
      ]}
    />
  );
}

const unitText = (p: ParameterView, isEn: boolean): string => (p.unit === 'percent' ? '%' : p.unit === 'ratio' ? `/${p.denominator ?? 1}` : p.unit === 'yuan' ? (isEn ? 'yuan' : '元') : p.unit);

export function ReformTable({ parameters, reform, onChange }: { parameters: ParameterView[]; reform: Record<string, number | null>; onChange: (id: string, v: number | null) => void }) {
  const st = useSt();
  const { isEn } = useI18n();
  const [filter, setFilter] = useState('');
  // The pack has many parameters: the filter narrows them by id or label (the values typed stay set).
  const shown = filter.trim() === '' ? parameters
    : parameters.filter((p) => `${p.id} ${p.label.zh} ${p.label.en}`.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
    <Input allowClear placeholder={st('reform.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 320, marginBottom: 8 }} data-testid="sim-reform-filter" />
    <Table<ParameterView> size="small" rowKey="id" dataSource={shown} data-testid="sim-reform" pagination={{ pageSize: 10, showSizeChanger: false }}
      columns={[
        { title: st('col.parameter'), render: (_: unknown, p) => <>{isEn ? p.label.en : p.label.zh} <span className="muted mono">{p.id}</span></> },
        { title: st('col.current'), width: 150, render: (_: unknown, p) => (p.effective_value === null ? <span className="muted">{st('unset')}</span> : `${p.effective_value.toLocaleString()} ${unitText(p, isEn)}`) },
        {
          title: st('col.new'), width: 180, render: (_: unknown, p) => {
            const v = reform[p.id] ?? null;
            const bad = v !== null && (v < 0 || !Number.isInteger(v) || (p.unit === 'percent' && v > 100));
            return <span data-testid={`reform-${p.id}`}><InputNumber size="small" value={v} onChange={(n) => onChange(p.id, n)} status={bad ? 'error' : undefined} /></span>;
          },
        },
      ]}
    />
    </>
  );
}
