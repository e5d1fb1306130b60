// The structured diff of an edition: clause text in the original Chinese with insertions and deletions
// marked (<ins>/<del>), the wording a changed figure implies, and the provisions, parameters, targets and
// budget lines that change, as tables.
import { Alert, Card, Table, Tag } from 'antd';
import { useEt, type EditionKey, type Et } from './messages.ts';
import type { EditionDiff, FieldChange, TextOp } from './types.ts';

export function MarkedText({ ops, testId }: { ops: TextOp[]; testId: string }) {
  return (
    <p lang="zh-CN" className="edition-text" data-testid={testId}>
      {ops.map((o, i) => (o.op === 'insert' ? <ins key={i} data-testid="diff-ins">{o.text}</ins>
        : o.op === 'delete' ? <del key={i} data-testid="diff-del">{o.text}</del> : <span key={i}>{o.text}</span>))}
    </p>
  );
}

const show = (et: Et, v: unknown): string => (v === null || v === undefined ? et('ed.unset') : typeof v === 'number' ? v.toLocaleString('zh-CN') : Array.isArray(v) ? v.join('；') : typeof v === 'string' ? v : JSON.stringify(v));
const changeTag = (et: Et, change: string) => <Tag color={change === 'removed' || change === 'unset' ? 'red' : change === 'changed' ? 'blue' : 'green'}>{et(`ed.change.${change}` as EditionKey)}</Tag>;
const fieldName = (et: Et, field: string) => (['amount', 'rate', 'cap', 'threshold', 'conditions', 'department'].includes(field) ? et(`ed.field.${field}` as EditionKey) : field);

function Fields({ fields }: { fields: FieldChange[] }) {
  const et = useEt();
  return <ul className="edition-fields">{fields.map((f) => <li key={f.field}><b>{fieldName(et, f.field)}</b>: {show(et, f.before)} → {show(et, f.after)}</li>)}</ul>;
}

export function DiffView({ diff }: { diff: EditionDiff }) {
  const et = useEt();
  if (diff.total === 0) return <Alert type="info" showIcon title={et('ed.noChanges')} data-testid="diff-empty" />;
  const wording = diff.parameters.filter((p) => p.quote_ops);
  const items = (rows: { id: string; title: string; change: string; fields: FieldChange[] }[], testId: string) => (
    <Table size="small" rowKey="id" pagination={false} dataSource={rows} data-testid={testId} columns={[
      { title: et('ed.id'), render: (_, r) => <span className="mono">{r.id}</span> },
      { title: et('ed.name'), dataIndex: 'title' },
      { title: et('ed.change'), render: (_, r) => changeTag(et, r.change) },
      { title: et('ed.field'), render: (_, r) => <Fields fields={r.fields} /> },
    ]} />
  );
  return (
    <div data-testid="edition-diff">
      {(diff.clauses.length > 0 || wording.length > 0) && (
        <Card size="small" title={et('ed.clauses')} style={{ marginBottom: 16 }}>
          {diff.clauses.map((c) => (
            <div key={`${c.kind}-${c.number}`} data-testid="diff-clause">
              <h4>{c.title} {changeTag(et, c.change)}</h4>
              <MarkedText ops={c.ops} testId="diff-clause-text" />
            </div>
          ))}
          {wording.length > 0 && <h4>{et('ed.wording')}</h4>}
          {wording.map((p) => (
            <div key={p.id} data-testid="diff-wording" data-id={p.id}>
              <span className="muted mono">{p.id}</span>
              <MarkedText ops={p.quote_ops!} testId="diff-wording-text" />
            </div>
          ))}
        </Card>
      )}
      {diff.parameters.length > 0 && (
        <Card size="small" title={et('ed.parametersChanged')} style={{ marginBottom: 16 }}>
          <Table size="small" rowKey="id" pagination={false} dataSource={diff.parameters} data-testid="diff-parameters" columns={[
            { title: et('ed.id'), render: (_, p) => <>{p.label}<div className="muted mono">{p.id}</div></> },
            { title: et('ed.change'), render: (_, p) => changeTag(et, p.change) },
            { title: et('ed.before'), align: 'right', render: (_, p) => <span data-testid="diff-before">{show(et, p.before)}</span> },
            { title: et('ed.after'), align: 'right', render: (_, p) => <strong data-testid="diff-after">{show(et, p.after)}</strong> },
            { title: et('ed.provisions'), render: (_, p) => p.provisions.join('、') },
          ]} />
        </Card>
      )}
      {diff.provisions.length > 0 && <Card size="small" title={et('ed.provisions')} style={{ marginBottom: 16 }}>{items(diff.provisions, 'diff-provisions')}</Card>}
      {diff.targets.length > 0 && <Card size="small" title={et('ed.targets')} style={{ marginBottom: 16 }}>{items(diff.targets, 'diff-targets')}</Card>}
      {diff.budgets.length > 0 && <Card size="small" title={et('ed.budgets')}>{items(diff.budgets, 'diff-budgets')}</Card>}
    </div>
  );
}
