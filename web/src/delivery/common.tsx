// Pieces every delivery page shares: the role guard, status tags, money, the case's progress steps,
// its timeline and the evidence list.
import type { ReactNode } from 'react';
import { Alert, Empty, Skeleton, Steps, Tag, Timeline } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { formatYuan } from '../calculator/format.ts';
import { useI18n } from '../i18n.ts';
import { useDt, type DeliveryKey } from './messages.ts';
import { downloadUrl, useSession } from './session.tsx';
import type { Application, ApplicationEvent, ApplicationStatus, Evidence, Me, Role } from './types.ts';

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  enterprise: '/me', reviewer: '/review', finance: '/finance', policy: '/policy-office/parameters', auditor: '/audit', admin: '/admin/accounts', leader: '/dashboard',
};

/** Renders the page for a signed-in account of one of the roles; anonymous users go to /login and come back. */
export function RequireRole({ roles, children }: { roles: Role[]; children: (me: Me) => ReactNode }) {
  const { me } = useSession();
  const dt = useDt();
  const location = useLocation();
  if (me === undefined) return <Skeleton active style={{ padding: 16 }} />;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(me.role)) return <Alert type="warning" showIcon title={dt('login.forbidden')} data-testid="forbidden" style={{ margin: '16px 0' }} />;
  return <>{children(me)}</>;
}

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'default', submitted: 'processing', returned: 'warning', approved: 'cyan', rejected: 'error',
  withdrawn: 'default', 'in-notice': 'purple', payable: 'gold', paid: 'success',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const dt = useDt();
  return <Tag color={STATUS_COLOR[status]} data-testid="status-tag" data-status={status}>{dt(`status.${status}` as DeliveryKey)}</Tag>;
}

/** Whole yuan as the policy writes it (30万元) or in English. */
export function useMoney(): (amount: number | null | undefined, kind?: string | null) => string {
  const { lang } = useI18n();
  const dt = useDt();
  return (amount, kind) => {
    if (amount === null || amount === undefined) return '—';
    const money = formatYuan(amount, lang);
    if (kind === 'ceiling') return `${dt('amount.upTo')}${money}`;
    if (kind === 'floor') return `${dt('amount.atLeast')}${money}`;
    return money;
  };
}

export const formatTime = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

/** Apply → review → notice → payout, with where the case stands. */
export function ApplicationSteps({ application }: { application: Application }) {
  const dt = useDt();
  const s = application.status;
  const current = s === 'draft' || s === 'returned' ? 0 : s === 'submitted' ? 1 : s === 'approved' || s === 'in-notice' ? 2 : 3;
  const failed = s === 'rejected' || s === 'withdrawn';
  return (
    <Steps
      size="small"
      data-testid="application-steps"
      current={s === 'paid' ? 4 : current}
      status={failed ? 'error' : s === 'paid' ? 'finish' : 'process'}
      items={[
        { title: dt('step.apply'), content: formatTime(application.submitted_at) },
        { title: dt('step.review'), content: formatTime(application.decided_at) },
        { title: dt('step.notice'), content: application.notice_ends_on ? `→ ${application.notice_ends_on}` : '' },
        { title: dt('step.pay'), content: formatTime(application.paid_at) },
      ]}
    />
  );
}

export function EventTimeline({ events }: { events: ApplicationEvent[] }) {
  const dt = useDt();
  if (events.length === 0) return <Empty description={dt('common.none')} />;
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e) => ({
        color: e.to_status === 'rejected' ? 'red' : e.to_status === 'paid' ? 'green' : 'blue',
        content: (
          <div data-testid="timeline-event" data-status={e.to_status}>
            <StatusTag status={e.to_status} /> <span className="muted">{formatTime(e.at)} · {e.actor}</span>
            {e.note && <div>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const dt = useDt();
  if (evidence.length === 0) return <div className="muted" data-testid="evidence-empty">{dt('app.noEvidence')}</div>;
  return (
    <ul className="evidence-list" data-testid="evidence-list">
      {evidence.map((e) => (
        <li key={e.id} data-testid="evidence-item">
          <a href={downloadUrl(`/evidence/${e.id}`)} download={e.filename}>{e.filename}</a>
          <span className="muted"> · {e.media_type} · {sizeText(e.size_bytes)} · {formatTime(e.uploaded_at)}</span>
          <div className="muted mono" title="SHA-256">{e.sha256.slice(0, 16)}…</div>
        </li>
      ))}
    </ul>
  );
}

/** The page heading with its own test id. */
export function PageTitle({ children, testId }: { children: ReactNode; testId: string }) {
  return <h1 className="page-title" data-testid={testId}>{children}</h1>;
}
