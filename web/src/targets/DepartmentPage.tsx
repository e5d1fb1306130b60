// 目标任务 for a department (a reviewer bound to it): reports due and overdue, the targets it is
// responsible for and those of the domains it leads (each opens the report form and the
// decomposition), and links to its cases and to the budget.
import { Alert, Button, List, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { PageTitle, RequireRole } from '../delivery/common.tsx';
import { useDeliveryApi } from '../delivery/session.tsx';
import type { Me } from '../delivery/types.ts';
import { PaceRule } from './common.tsx';
import { useTt } from './messages.ts';
import { TargetProgressTable } from './TargetProgressTable.tsx';
import type { Reminder, TargetsAnswer, TargetView } from './types.ts';
import './targets.css';

function Reminders({ department }: { department: string }) {
  const tt = useTt();
  const reminders = useDeliveryApi<Reminder[]>(`/targets/reminders?department=${encodeURIComponent(department)}`);
  return (
    <Loaded state={reminders} rows={2}>{(list) => (list.length === 0
      ? <Alert type="success" showIcon title={tt('dept.noReminders')} data-testid="reminders-none" />
      : (
        <List
          size="small" bordered data-testid="reminders" dataSource={list}
          renderItem={(r) => (
            <List.Item data-testid="reminder" data-id={r.targetId}>
              <span>
                <Tag color="red">{tt('overdue')}</Tag>
                <Link to={`/department/targets/${r.targetId}`}>{r.targetId}</Link> · {r.unit} · {tt('dept.dueBy', { date: r.dueBy })} ·{' '}
                <span className="muted">{r.lastReportAsOf ? tt('dept.lastReport', { date: r.lastReportAsOf }) : tt('dept.neverReported')}</span>
              </span>
            </List.Item>
          )}
        />
      ))}
    </Loaded>
  );
}

function Targets({ me }: { me: Me }) {
  const tt = useTt();
  const department = me.department ?? '';
  const targets = useDeliveryApi<TargetsAnswer>(`/targets?department=${encodeURIComponent(department)}`);
  const action = { title: '', render: (t: TargetView) => <Link to={`/department/targets/${t.id}`} data-testid="target-open"><Button size="small">{tt('dept.open')}</Button></Link> };
  return (
    <Loaded state={targets}>{(data) => {
      const responsible = data.targets.filter((t) => t.responsible.includes(department));
      const lead = data.targets.filter((t) => t.lead === department && !t.responsible.includes(department));
      return (
        <>
          <h2 className="section-title">{tt('dept.responsibleTargets')}（{responsible.length}）</h2>
          <TargetProgressTable targets={responsible} testId="dept-responsible" action={action} articleLinks pageSize={20} />
          {lead.length > 0 && (
            <>
              <h2 className="section-title">{tt('dept.leadTargets')}（{lead.length}）</h2>
              <TargetProgressTable targets={lead} testId="dept-lead" action={action} articleLinks pageSize={20} />
            </>
          )}
          <div className="dash-section"><PaceRule rule={data.rule} /></div>
        </>
      );
    }}</Loaded>
  );
}

export function DepartmentPage() {
  const tt = useTt();
  useDocumentTitle(tt('dept.title'));
  return (
    <RequireRole roles={['reviewer']}>{(me) => (
      <div data-testid="department-page">
        <PageTitle testId="department-title">{tt('dept.title')} · {me.department}</PageTitle>
        <p className="page-intro">{tt('dept.intro', { department: me.department ?? '' })}</p>
        <div className="page-meta" data-testid="department-links">
          {tt('dept.links')}{tt('colon')}<Link to="/review" data-testid="link-cases">{tt('dept.cases')}</Link>
          {' · '}<Link to="/dashboard" data-testid="link-budget">{tt('dept.budget')}</Link>
        </div>
        <h2 className="section-title">{tt('dept.reminders')}</h2>
        <Reminders department={me.department ?? ''} />
        <Targets me={me} />
      </div>
    )}</RequireRole>
  );
}
