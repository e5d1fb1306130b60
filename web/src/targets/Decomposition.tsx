// 责任分解: the current split of a target among its responsible units (read-only list), and the lead
// department's editor (shares that must add up to 100%; each save is a new version on the server).
import { useState } from 'react';
import { Alert, Button, Input, InputNumber, Select, Space, Table } from 'antd';
import { formatTime } from '../delivery/common.tsx';
import { apiFetch, useAction } from '../delivery/session.tsx';
import { useValue } from './common.tsx';
import { useTt } from './messages.ts';
import type { AssignmentView } from './types.ts';

export function AssignmentsList({ assignments, unit }: { assignments: AssignmentView[]; unit: string }) {
  const tt = useTt();
  const value = useValue();
  if (assignments.length === 0) return <div className="muted" data-testid="assignments-empty">{tt('dec.title')}{tt('colon')}{tt('dec.none')}</div>;
  return (
    <div className="assignments" data-testid="assignments">
      <div className="muted">{tt('dec.current')} · {tt('dec.by', { by: assignments[0]!.assignedBy, at: formatTime(assignments[0]!.assignedAt) })}</div>
      <Table
        size="small" rowKey="unit" pagination={false} dataSource={assignments}
        columns={[
          { title: tt('dec.unit'), dataIndex: 'unit' },
          { title: tt('dec.share'), align: 'right', render: (_, a) => (a.share === null ? '—' : `${a.share}%`) },
          { title: tt('dec.value'), align: 'right', render: (_, a) => value(a.value, unit) },
          { title: tt('dec.owner'), dataIndex: 'owner' },
        ]}
      />
    </div>
  );
}

interface Part { unit: string; share: number | null; owner: string }

export function DecompositionEditor({ targetId, responsible, current, onSaved }: {
  targetId: string;
  responsible: string[];
  current: AssignmentView[];
  onSaved: () => void;
}) {
  const tt = useTt();
  const { run, pending } = useAction();
  const initial: Part[] = current.length > 0
    ? current.map((a) => ({ unit: a.unit, share: a.share, owner: a.owner }))
    : responsible.map((unit, i) => ({ unit, share: Math.floor(100 / responsible.length) + (i < 100 % responsible.length ? 1 : 0), owner: '' }));
  const [parts, setParts] = useState<Part[]>(initial);
  const sum = parts.reduce((s, p) => s + (p.share ?? 0), 0);
  const complete = parts.length > 0 && parts.every((p) => p.unit && p.share !== null && p.owner.trim());
  const set = (i: number, patch: Partial<Part>) => setParts(parts.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  async function save() {
    const body = { parts: parts.map((p) => ({ unit: p.unit, share: p.share, owner: p.owner.trim() })) };
    const done = await run((key) => apiFetch<AssignmentView[]>(`/targets/${encodeURIComponent(targetId)}/assignments`, { method: 'PUT', body, idempotencyKey: key }), tt('dec.saved'));
    if (done !== undefined) onSaved();
  }

  return (
    <div className="stack" data-testid="decomposition-editor">
      <div className="muted">{tt('dec.intro')}</div>
      {parts.map((p, i) => (
        <Space key={i} wrap data-testid="decomposition-row">
          <Select value={p.unit || undefined} onChange={(unit: string) => set(i, { unit })} style={{ width: 200 }} placeholder={tt('dec.unit')}
            options={responsible.map((u) => ({ value: u, label: u }))} data-testid="decomposition-unit" />
          <InputNumber min={0} max={100} precision={0} value={p.share} onChange={(share) => set(i, { share })} addonAfter="%" style={{ width: 130 }}
            aria-label={tt('dec.share')} data-testid="decomposition-share" />
          <Input value={p.owner} onChange={(e) => set(i, { owner: e.target.value })} placeholder={tt('dec.owner')} style={{ width: 160 }}
            aria-label={tt('dec.owner')} data-testid="decomposition-owner" />
          <Button onClick={() => setParts(parts.filter((_, j) => j !== i))} disabled={parts.length <= 1}>{tt('dec.remove')}</Button>
        </Space>
      ))}
      <Space wrap>
        <Button onClick={() => setParts([...parts, { unit: '', share: 0, owner: '' }])} data-testid="decomposition-add">{tt('dec.add')}</Button>
        <span data-testid="decomposition-sum" className={sum === 100 ? '' : 'sum-wrong'}>{tt('dec.sum', { sum })}</span>
        <Button type="primary" onClick={() => void save()} loading={pending} disabled={!complete || sum !== 100} data-testid="decomposition-save">{tt('dec.save')}</Button>
      </Space>
      {sum !== 100 && <Alert type="warning" showIcon title={tt('dec.sumMustBe100')} data-testid="decomposition-warning" />}
    </div>
  );
}
