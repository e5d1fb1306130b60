// One target for its department (/department/targets/K01): the figure and pace, the report form
// (value in the target's unit, as-of date, note, evidence link), the reports with 更正 (a correction
// is a new report that supersedes the old one, which stays, struck through) and, for the lead
// department, the decomposition editor.
import { useEffect, useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Upload, type UploadFile } from 'antd';
import { EVIDENCE_ACCEPT } from '../delivery/CaseParts.tsx';
import { Link, useParams } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { PageTitle, RequireRole } from '../delivery/common.tsx';
import { apiFetch, useAction, useDeliveryApi } from '../delivery/session.tsx';
import type { Me } from '../delivery/types.ts';
import { useI18n } from '../i18n.ts';
import { DerivedTag, PaceRule, PaceTag, useFigure, useValue } from './common.tsx';
import { AssignmentsList, DecompositionEditor } from './Decomposition.tsx';
import { useTt } from './messages.ts';
import { ReportsTable } from './Reports.tsx';
import type { ReportView, TargetDetailAnswer, TargetsAnswer } from './types.ts';
import './targets.css';

/** Units a department may report in for a target's unit (the server converts: docs/targets.md, valueUnit). */
const UNIT_FAMILIES: string[][] = [['元', '万元', '亿元'], ['平方米', '万平方米'], ['千瓦时', '万千瓦时', '亿千瓦时'], ['美元', '万美元', '亿美元']];
const unitsFor = (unit: string): string[] => [unit, ...(UNIT_FAMILIES.find((f) => f.includes(unit)) ?? []).filter((u) => u !== unit)];

/** The last day of the month before today, within the policy year (2025): the usual as-of of a monthly report. */
export function defaultAsOf(today = new Date()): string {
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  const iso = end.toISOString().slice(0, 10);
  return iso > '2025-12-31' ? '2025-12-31' : iso < '2025-01-31' ? '2025-01-31' : iso;
}

interface FormValues { value: number | null; valueUnit: string; asOf: string; note: string; evidenceUrl: string }

function ReportForm({ target, unit, correcting, onCancel, onDone }: {
  target: TargetDetailAnswer;
  unit: string;
  correcting: ReportView | null;
  onCancel: () => void;
  onDone: () => void;
}) {
  const tt = useTt();
  const { run, pending } = useAction();
  const [form] = Form.useForm<FormValues>();
  // An evidence file is stored first (POST /targets/:id/evidence); the report then cites its name and SHA-256.
  const [file, setFile] = useState<{ upload: UploadFile; fileName: string; sha256: string } | null>(null);
  const uploader = useAction();

  async function upload(raw: File) {
    const data = new FormData();
    data.append('file', raw, raw.name);
    const stored = await uploader.run(() => apiFetch<{ fileName: string; sha256: string }>(`/targets/${encodeURIComponent(target.id)}/evidence`, { body: data }));
    if (stored) setFile({ upload: { uid: stored.sha256, name: stored.fileName, status: 'done' }, fileName: stored.fileName, sha256: stored.sha256 });
  }
  // A share target is entered as a percentage and sent as the fraction the API keeps.
  const share = target.target.unit === 'share';
  const shownUnit = share ? '%' : target.target.unit;
  const units = share ? ['%'] : unitsFor(shownUnit);
  const toApi = (v: number) => (share ? v / 100 : v);

  // Starting (or leaving) a correction fills the form from the report it replaces; antd keeps a form's
  // initial values from its first render only, so they are set here.
  useEffect(() => {
    form.setFieldsValue({ value: correcting ? (share ? correcting.value * 100 : correcting.value) : null, valueUnit: shownUnit, asOf: correcting?.asOf ?? defaultAsOf(), note: '', evidenceUrl: '' });
  }, [correcting, form, share, shownUnit]);

  async function submit(values: FormValues) {
    if (values.value === null) return;
    const body = {
      unit, value: toApi(values.value), asOf: values.asOf,
      ...(values.valueUnit && values.valueUnit !== shownUnit ? { valueUnit: values.valueUnit } : {}),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
      ...(values.evidenceUrl.trim() ? { evidenceUrl: values.evidenceUrl.trim() } : {}),
      ...(file ? { evidenceFileName: file.fileName, evidenceSha256: file.sha256 } : {}),
      ...(correcting ? { supersedes: correcting.id } : {}),
    };
    const done = await run((key) => apiFetch<ReportView>(`/targets/${encodeURIComponent(target.id)}/reports`, { body, idempotencyKey: key }), tt('rep.done'));
    if (done !== undefined) {
      form.setFieldsValue({ value: null, note: '', evidenceUrl: '' });
      setFile(null);
      onDone();
    }
  }

  return (
    <Card size="small" title={tt('rep.form')} className="section-card" data-testid="report-card">
      {correcting && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="correcting"
          title={tt('rep.correcting', { date: correcting.asOf })}
          action={<Button size="small" onClick={onCancel}>{tt('rep.cancelCorrection')}</Button>} />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="report-form"
        initialValues={{ value: null, valueUnit: shownUnit, asOf: defaultAsOf(), note: '', evidenceUrl: '' }}
        onFinish={(v) => void submit(v)}
      >
        <Space wrap align="start">
          <Form.Item label={tt('rep.unit')}><Input value={unit} disabled style={{ width: 160 }} data-testid="report-unit" /></Form.Item>
          <Form.Item label={tt('col.value')} name="value" rules={[{ required: true }]}>
            <InputNumber style={{ width: 200 }} data-testid="report-value-input" />
          </Form.Item>
          <Form.Item label=" " name="valueUnit">
            <Select style={{ width: 110 }} disabled={units.length === 1} options={units.map((u) => ({ value: u, label: u }))} data-testid="report-value-unit" />
          </Form.Item>
          <Form.Item label={tt('rep.asOf')} name="asOf" rules={[{ required: true }]}>
            <Input type="date" min="2025-01-01" style={{ width: 170 }} data-testid="report-asof" />
          </Form.Item>
        </Space>
        <Form.Item label={tt('rep.note')} name="note"><Input.TextArea rows={2} maxLength={2000} data-testid="report-note" /></Form.Item>
        <Space wrap align="start" className="evidence-inputs">
          <Form.Item label={tt('rep.evidenceUrl')} name="evidenceUrl" rules={[{ type: 'url' }]}>
            <Input placeholder="https://" style={{ width: 420, maxWidth: '100%' }} data-testid="report-evidence-url" />
          </Form.Item>
          <Form.Item label={tt('rep.evidenceFile')}>
            <Upload
              accept={EVIDENCE_ACCEPT}
              maxCount={1}
              fileList={file ? [file.upload] : []}
              beforeUpload={(raw) => { void upload(raw); return false; }}
              onRemove={() => setFile(null)}
              data-testid="report-evidence-file"
            >
              <Button loading={uploader.pending} data-testid="report-evidence-button">{tt('rep.upload')}</Button>
            </Upload>
          </Form.Item>
        </Space>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={pending} data-testid="report-submit">
            {correcting ? tt('rep.submitCorrection') : tt('rep.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function Target({ id, me }: { id: string; me: Me }) {
  const tt = useTt();
  const { isEn } = useI18n();
  const figure = useFigure();
  const value = useValue();
  const detail = useDeliveryApi<TargetDetailAnswer>(`/targets/${encodeURIComponent(id)}`);
  const [correcting, setCorrecting] = useState<ReportView | null>(null);
  const department = me.department ?? '';
  // The documented pace rule comes with the targets list (its article's: one small answer).
  const rule = useDeliveryApi<TargetsAnswer>(detail.data?.articleId ? `/targets?article=${detail.data.articleId}` : null);
  useDocumentTitle(tt('rep.title', { id }));
  return (
    <Loaded state={detail}>{(t) => {
      const responsible = t.responsible.includes(department);
      const lead = t.lead === department;
      return (
        <div data-testid="target-page" data-id={t.id}>
          <Breadcrumb className="breadcrumb" items={[{ title: <Link to="/department">{tt('dept.title')}</Link> }, { title: t.id }]} />
          <PageTitle testId="target-title">{t.id} · {isEn ? t.metric.en : t.metric.zh} <DerivedTag target={t} /></PageTitle>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="target-facts" items={[
            { key: 'target', label: tt('col.target'), children: figure(t.target) },
            { key: 'status', label: tt('col.status'), children: <PaceTag status={t.pace.status} /> },
            { key: 'latest', label: tt('col.latest'), children: t.latest ? `${value(t.latest.value, t.target.unit)}（${t.latest.asOf}）` : '—' },
            { key: 'expected', label: tt('col.expected'), children: value(t.pace.expected, t.target.unit) },
            { key: 'forecast', label: tt('col.forecast'), children: value(t.pace.forecast, t.target.unit) },
            { key: 'due', label: tt('col.due'), children: t.due.nextReportBy ?? '—' },
            { key: 'rule', label: tt('pace.rule'), span: 2, children: <span data-testid="target-rule">{t.pace.rule}</span> },
            { key: 'responsible', label: tt('col.responsible'), children: t.responsible.join('、') },
            { key: 'article', label: tt('col.article'), children: <Link to={`/dashboard/articles/${t.articleId ?? t.domain}`} data-testid="target-article">{t.article.title}</Link> },
            { key: 'quote', label: '', span: 2, children: <span lang="zh-CN">「{t.quote}」</span> },
          ]} />
          {t.derived
            ? <Alert type="info" showIcon title={tt('derivedHint')} style={{ marginTop: 12 }} />
            : responsible
              ? <ReportForm target={t} unit={department} correcting={correcting} onCancel={() => setCorrecting(null)} onDone={() => { setCorrecting(null); detail.reload(); }} />
              : <Alert type="warning" showIcon title={tt('rep.notResponsible')} style={{ marginTop: 12 }} data-testid="not-responsible" />}
          <h2 className="section-title">{tt('rep.history')}</h2>
          <ReportsTable
            reports={t.reports}
            unit={t.target.unit}
            onCorrect={responsible && !t.derived ? (r) => { setCorrecting(r); window.scrollTo(0, 0); } : undefined}
            canCorrect={(r) => r.unit === department}
          />
          <h2 className="section-title">{tt('dec.title')}</h2>
          <AssignmentsList assignments={t.assignments} unit={t.target.unit} />
          {lead && t.responsible.length > 0 && (
            <Card size="small" className="section-card">
              <DecompositionEditor targetId={t.id} responsible={t.responsible} current={t.assignments} onSaved={detail.reload} />
            </Card>
          )}
          <div className="dash-section"><PaceRule rule={rule.data?.rule} /></div>
        </div>
      );
    }}</Loaded>
  );
}

export function TargetPage() {
  const { id } = useParams();
  return <RequireRole roles={['reviewer']}>{(me) => <Target id={id ?? ''} me={me} />}</RequireRole>;
}
