// 我的奖补: what the company can apply for now (computed from its registered facts, with the reasons),
// its applications with where each stands, and the public notices that list them.
import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Select, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { TraceView } from '../../calculator/TraceView.tsx';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { ApplicationSteps, PageTitle, RequireRole, StatusTag, useMoney } from '../common.tsx';
import { MyEntitlements } from '../entitlements/MyEntitlements.tsx';
import { useDt } from '../messages.ts';
import { useDeliveryApi } from '../session.tsx';
import type { Application, EligibilityResult, Me, Notice } from '../types.ts';
import { liveApplication, useEligibility } from './eligibility.ts';

export const POLICY_YEARS = [2025, 2026, 2027];

function EligibleCard({ result, application, year }: { result: EligibilityResult; application: Application | undefined; year: number }) {
  const dt = useDt();
  const { pick, t } = useI18n();
  const money = useMoney();
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" className="item-card" data-testid="eligible-card" data-provision={result.provision} data-catalogue={result.catalogue}>
      <div className="item-header">
        <Tag>{result.catalogue}</Tag>
        <span className="item-title">{pick(result.title)}</span>
      </div>
      <div className="item-amount">
        <span className="amount" data-testid="eligible-amount">{money(result.amount, result.amount_kind)}</span>
        {application && <StatusTag status={application.status} />}
      </div>
      <Space wrap>
        {application
          ? <Link to={`/me/applications/${application.id}`} data-testid="eligible-open">{dt('me.applied')} · {dt('common.open')}</Link>
          : <Link to={`/me/apply/${result.provision}?year=${year}`}><Button type="primary" size="small" data-testid="eligible-apply">{dt('me.apply')}</Button></Link>}
        <Button size="small" type="link" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="eligible-why">{open ? '▾' : '▸'} {t('calc.why')}</Button>
      </Space>
      {open && <TraceView result={result} />}
    </Card>
  );
}

function ApplicationCard({ application }: { application: Application }) {
  const { pick } = useI18n();
  const dt = useDt();
  const money = useMoney();
  return (
    <Card size="small" className="item-card" data-testid="my-application" data-id={application.id} data-status={application.status}>
      <div className="item-header">
        <Tag>{application.catalogue}</Tag>
        <Link to={`/me/applications/${application.id}`} className="item-title">{pick(application.provision_title)}</Link>
        {' '}<StatusTag status={application.status} />
      </div>
      <div className="muted">
        {dt('common.year')} {application.year} · {dt('app.eventRef')} {application.event_ref} · {dt('app.engineAmount')} {money(application.engine_amount_yuan, application.engine_amount_kind)}
        {application.granted_yuan !== null && <> · {dt('app.granted')} <b>{money(application.granted_yuan)}</b></>}
      </div>
      <div style={{ marginTop: 8 }}><ApplicationSteps application={application} /></div>
    </Card>
  );
}

function MyAwards({ me }: { me: Me }) {
  const dt = useDt();
  const [year, setYear] = useState(2025);
  const eligibility = useEligibility(me.credit_code, year);
  const applications = useDeliveryApi<{ applications: Application[] }>('/applications');
  const notices = useDeliveryApi<{ notices: Notice[] }>('/notices');
  const mine = new Set(applications.data?.applications.map((a) => a.id) ?? []);
  const myNotices = notices.data?.notices.filter((n) => n.items.some((i) => mine.has(i.application_id))) ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{dt('me.year')}</span>
        <Select value={year} onChange={setYear} options={POLICY_YEARS.map((y) => ({ value: y, label: String(y) }))} data-testid="me-year" style={{ width: 100 }} />
      </Space>
      <h2 className="section-title">{dt('me.eligible')}</h2>
      <p className="muted">{dt('me.eligibleHint')}</p>
      <Loaded state={eligibility}>{(data) => {
        const eligible = data.results.filter((r) => r.status === 'eligible');
        if (eligible.length === 0) return <Empty description={dt('me.noEligible')} />;
        return (
          <Row gutter={[12, 12]}>
            {eligible.map((r) => (
              <Col xs={24} md={12} key={r.provision}>
                <EligibleCard result={r} year={year} application={liveApplication(applications.data?.applications, r.provision, year)} />
              </Col>
            ))}
          </Row>
        );
      }}</Loaded>
      <h2 className="section-title">{dt('me.applications')}</h2>
      <Loaded state={applications}>{(data) => (data.applications.length === 0 ? <Empty description={dt('me.noApplications')} /> : (
        <Row gutter={[12, 12]}>
          {data.applications.map((a) => <Col xs={24} key={a.id}><ApplicationCard application={a} /></Col>)}
        </Row>
      ))}</Loaded>
      {myNotices.length > 0 && (
        <>
          <h2 className="section-title">{dt('me.notices')}</h2>
          <ul data-testid="my-notices">
            {myNotices.map((n) => <li key={n.id}><Link to={`/notices/${n.id}`}>{n.title}</Link> <span className="muted">{n.starts_on} — {n.ends_on}</span></li>)}
          </ul>
        </>
      )}
    </>
  );
}

export function MyAwardsPage() {
  const dt = useDt();
  useDocumentTitle(dt('me.title'));
  return (
    <RequireRole roles={['enterprise']}>{(me) => (
      <div data-testid="me-page">
        <PageTitle testId="me-title">{dt('me.title')}</PageTitle>
        <div className="page-subtitle">{me.display_name} · <span className="mono">{me.credit_code}</span> · <Link to="/me/profile">{dt('nav.myProfile')}</Link></div>
        <MyEntitlements />
        <MyAwards me={me} />
      </div>
    )}</RequireRole>
  );
}
