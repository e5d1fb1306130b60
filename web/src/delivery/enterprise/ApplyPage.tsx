// 申报: the form for one provision, filled from the registered facts and the calculation. Nothing is
// typed twice: only the event reference when the provision pays per event, an optional lower amount
// when the amount is a ceiling, and the evidence files. Save as a draft, or submit at once.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Tag, Upload, type UploadFile } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { TraceView } from '../../calculator/TraceView.tsx';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { EVIDENCE_ACCEPT, uploadEvidence, useProvision } from '../CaseParts.tsx';
import { PageTitle, RequireRole, StatusTag, useMoney } from '../common.tsx';
import { useDt } from '../messages.ts';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import type { Application, EligibilityResult, Me } from '../types.ts';
import { liveApplication, useEligibility } from './eligibility.ts';

interface FormValues {
  event_ref?: string;
  requested_yuan?: number | null;
}

function ApplyForm({ result, frequency, year }: { result: EligibilityResult; frequency: string; year: number }) {
  const dt = useDt();
  const money = useMoney();
  const navigate = useNavigate();
  const { run, pending } = useAction();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const perEvent = frequency === 'per-event';
  const ceiling = result.amount_kind === 'ceiling';

  async function save(values: FormValues, submit: boolean) {
    // Once the draft exists the case page takes over, even when an upload or the submission failed.
    let createdId: string | undefined;
    await run(async () => {
      const body: Record<string, unknown> = { provision: result.provision, year };
      if (perEvent) body.event_ref = values.event_ref?.trim();
      if (ceiling && values.requested_yuan) body.requested_yuan = values.requested_yuan;
      const { application } = await apiFetch<{ application: Application }>('/applications', { body });
      createdId = application.id;
      for (const f of files) if (f.originFileObj) await uploadEvidence(application.id, f.originFileObj);
      if (submit) await apiFetch(`/applications/${application.id}/submit`, { body: {} });
    }, submit ? dt('status.submitted') : dt('status.draft'));
    if (createdId) void navigate(`/me/applications/${createdId}`);
  }

  const [form] = Form.useForm<FormValues>();
  return (
    <Form form={form} layout="vertical" data-testid="apply-form" onFinish={(v) => save(v, true)}>
      <Alert type="success" showIcon title={dt('apply.noRetype')} style={{ marginBottom: 16 }} />
      {perEvent ? (
        <Form.Item name="event_ref" label={dt('apply.eventRef')} extra={dt('apply.eventRefHint')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="apply-event-ref" maxLength={100} />
        </Form.Item>
      ) : (
        <p className="muted" data-testid="apply-event-note">{frequency === 'annual' ? dt('apply.eventAnnual', { year }) : dt('apply.eventOnce')}</p>
      )}
      {ceiling && result.amount !== undefined && (
        <Form.Item name="requested_yuan" label={dt('apply.requested')} extra={dt('apply.requestedHint', { max: money(result.amount) })}>
          <InputNumber min={1} max={result.amount} precision={0} style={{ width: 220 }} data-testid="apply-requested" />
        </Form.Item>
      )}
      <Form.Item label={dt('apply.evidence')} extra={dt('apply.evidenceHint')}>
        <Upload accept={EVIDENCE_ACCEPT} multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} data-testid="apply-evidence">
          <Button data-testid="apply-evidence-button">{dt('apply.upload')}</Button>
        </Upload>
      </Form.Item>
      <Space wrap>
        <Button onClick={() => void form.validateFields().then((v) => save(v, false))} loading={pending} data-testid="apply-save">{dt('apply.saveDraft')}</Button>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="apply-submit">{dt('apply.submit')}</Button>
      </Space>
    </Form>
  );
}

function Apply({ me, provisionId, year }: { me: Me; provisionId: string; year: number }) {
  const dt = useDt();
  const { pick } = useI18n();
  const money = useMoney();
  const provision = useProvision(provisionId);
  const eligibility = useEligibility(me.credit_code, year);
  const applications = useDeliveryApi<{ applications: Application[] }>('/applications');
  const existing = liveApplication(applications.data?.applications, provisionId, year);
  return (
    <Loaded state={provision}>{(p) => (
      <>
        <PageTitle testId="apply-title">{dt('apply.title', { title: pick(p.title) })}</PageTitle>
        <div className="page-subtitle"><Tag>{p.catalogue}</Tag>{p.department.name} · {dt('common.year')} {year}</div>
        <Loaded state={eligibility}>{(e) => {
          const result = e.results.find((r) => r.provision === provisionId);
          if (!result) return <Alert type="warning" showIcon title={provisionId} />;
          return (
            <div className="apply-layout">
              <Card title={dt('apply.engine')} size="small" data-testid="apply-engine">
                <div>{dt('apply.engineAmount')}：<span className="amount" data-testid="apply-amount">{money(result.amount, result.amount_kind)}</span></div>
                <div className="trace-heading">{dt('apply.conditions')}</div>
                <TraceView result={result} />
              </Card>
              <Card size="small">
                {existing ? (
                  <Alert type="info" showIcon data-testid="apply-existing" title={<>{dt('me.applied')} <StatusTag status={existing.status} /> <Link to={`/me/applications/${existing.id}`}>{dt('common.open')}</Link></>} />
                ) : result.status !== 'eligible' ? (
                  <Alert type="warning" showIcon data-testid="apply-not-eligible" title={dt('apply.notEligible', { status: result.status })} />
                ) : (
                  <ApplyForm result={result} frequency={p.frequency} year={year} />
                )}
              </Card>
            </div>
          );
        }}</Loaded>
      </>
    )}</Loaded>
  );
}

export function ApplyPage() {
  const { provision = '' } = useParams();
  const [params] = useSearchParams();
  const year = Number(params.get('year') ?? 2025) || 2025;
  useDocumentTitle(provision);
  return (
    <RequireRole roles={['enterprise']}>{(me) => (
      <div data-testid="apply-page"><Apply me={me} provisionId={provision} year={year} /></div>
    )}</RequireRole>
  );
}
