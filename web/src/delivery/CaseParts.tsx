// Parts of a case's page shared by the enterprise and the reviewer: the facts of the case, the engine's
// decisions with their trace, and the evidence upload.
import { useState } from 'react';
import { Button, Card, Descriptions, Tag, Upload } from 'antd';
import type { ProvisionResult } from '../../../src/core/engine/engine.ts';
import type { ProvisionView } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { TraceView } from '../calculator/TraceView.tsx';
import { useI18n } from '../i18n.ts';
import { formatTime, StatusTag, useMoney } from './common.tsx';
import { useDt, type DeliveryKey } from './messages.ts';
import { apiFetch, useAction } from './session.tsx';
import type { Application, Decision, Evidence } from './types.ts';

export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

export function CaseFacts({ application: a }: { application: Application }) {
  const dt = useDt();
  const money = useMoney();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered data-testid="case-facts">
      <Descriptions.Item label={dt('common.beneficiary')}>{a.beneficiary_name} <span className="mono muted">{a.credit_code}</span></Descriptions.Item>
      <Descriptions.Item label={dt('common.status')}><StatusTag status={a.status} /></Descriptions.Item>
      <Descriptions.Item label={dt('common.year')}>{a.year}</Descriptions.Item>
      <Descriptions.Item label={dt('app.eventRef')}>{a.event_ref}</Descriptions.Item>
      <Descriptions.Item label={dt('app.engineAmount')}><span data-testid="case-engine-amount">{money(a.engine_amount_yuan, a.engine_amount_kind)}</span></Descriptions.Item>
      {a.requested_yuan !== null && <Descriptions.Item label={dt('app.requested')}>{money(a.requested_yuan)}</Descriptions.Item>}
      {a.granted_yuan !== null && <Descriptions.Item label={dt('app.granted')}><b data-testid="case-granted">{money(a.granted_yuan)}</b></Descriptions.Item>}
      {a.reason && <Descriptions.Item label={dt('common.reason')}>{a.reason}</Descriptions.Item>}
      {a.notice_ends_on && <Descriptions.Item label={dt('app.noticeEnds')}>{a.notice_ends_on}</Descriptions.Item>}
      {a.paid_at && <Descriptions.Item label={dt('status.paid')}>{formatTime(a.paid_at)}</Descriptions.Item>}
    </Descriptions>
  );
}

/** The provision as the policy library shows it (quote, frequency) — shared cache with the library pages. */
export function useProvision(id: string | undefined) {
  return useApi<ProvisionView>(id ? `/provisions/${encodeURIComponent(id)}` : null);
}

/** The latest decision's trace as a calculator result, so TraceView can show it. */
export function decisionResult(decision: Decision, application: Application, provision: ProvisionView | undefined): ProvisionResult {
  return {
    provision: application.provision, catalogue: application.catalogue ?? provision?.catalogue ?? application.provision, kind: 'provision',
    title: application.provision_title,
    // The case shows its article as text (第（一）条); the trace links to it by number, from the library.
    article: provision?.where.kind === 'article' ? provision.where.number : undefined,
    quote: provision?.quote ?? '', status: decision.status as ProvisionResult['status'],
    amount: decision.amount_yuan ?? undefined, amount_kind: (application.engine_amount_kind ?? 'exact') as ProvisionResult['amount_kind'],
    missing_facts: [], pending_parameters: [], near_misses: [], trace: decision.trace ?? undefined,
  };
}

export function DecisionCard({ decision, application, provision, open: initiallyOpen = false }: {
  decision: Decision; application: Application; provision: ProvisionView | undefined; open?: boolean;
}) {
  const dt = useDt();
  const { t } = useI18n();
  const money = useMoney();
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <Card size="small" className="item-card" data-testid="decision" data-stage={decision.stage}>
      <div>
        <b>{dt(`app.stage.${decision.stage}` as DeliveryKey)}</b> · {formatTime(decision.at)} · <Tag>{decision.status}</Tag>
        <span className="amount">{money(decision.amount_yuan, application.engine_amount_kind)}</span>
      </div>
      <div className="muted">{dt('app.edition')} {decision.pack_edition} {decision.pack_version} · {dt('app.profileVersion')} {decision.profile_version}</div>
      <Button size="small" type="link" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="decision-why">{open ? '▾' : '▸'} {t('calc.why')}</Button>
      {open && <TraceView result={decisionResult(decision, application, provision)} />}
    </Card>
  );
}

/** Uploads one file as evidence of the case (multipart field "file"). */
export function uploadEvidence(applicationId: string, file: File): Promise<{ evidence: Evidence }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<{ evidence: Evidence }>(`/applications/${applicationId}/evidence`, { method: 'POST', body: form });
}

export function EvidenceUpload({ applicationId, onUploaded }: { applicationId: string; onUploaded: () => void }) {
  const dt = useDt();
  const { run, pending } = useAction();
  return (
    <Upload
      accept={EVIDENCE_ACCEPT}
      showUploadList={false}
      multiple
      beforeUpload={(file) => {
        void run(() => uploadEvidence(applicationId, file), file.name).then((r) => r && onUploaded());
        return false;
      }}
    >
      <Button loading={pending} data-testid="evidence-upload">{dt('apply.upload')}</Button>
    </Upload>
  );
}
