// The budget-impact simulation page (预算测算, /simulate; the policy office and finance): pick or generate a
// population, set take-up and an optional reform, run it as a job (POST /simulations/jobs) with a progress bar
// and a Cancel button (DELETE), then the results and the XLSX (GET /simulations/jobs/:id/xlsx).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Progress, Space } from 'antd';
import type { JobView } from '../../../src/services/simulation-jobs.ts';
import type { ParameterView } from '../../../src/services/delivery-views.ts';
import type { ProvisionView } from '../../../src/services/policy-views.ts';
import type { PopulationView } from '../../../src/services/populations.ts';
import { useApi } from '../api.ts';
import { Loaded } from '../components/Status.tsx';
import { PageTitle, RequireRole } from '../delivery/common.tsx';
import { apiFetch, downloadUrl, useDeliveryApi } from '../delivery/session.tsx';
import type { Me } from '../delivery/types.ts';
import { useSt } from './messages.ts';
import { SimulationResults } from './SimulationResults.tsx';
import { PopulationPicker, ReformTable, TakeUpTable, validTakeUp } from './SimulationInputs.tsx';

const POLL_MS = 300;

function Simulation({ me }: { me: Me }) {
  const st = useSt();
  const populations = useDeliveryApi<{ populations: PopulationView[] }>('/populations');
  const provisions = useApi<ProvisionView[]>('/provisions');
  const parameters = useDeliveryApi<{ parameters: ParameterView[] }>('/parameters');
  const [population, setPopulation] = useState<string>();
  const [takeUp, setTakeUp] = useState<Record<string, number | null>>({});
  const [reform, setReform] = useState<Record<string, number | null>>({});
  const [job, setJob] = useState<JobView>();
  const [error, setError] = useState<string>();
  const poll = useRef<ReturnType<typeof setTimeout>>(undefined);

  const list = populations.data?.populations;
  useEffect(() => {
    if (population === undefined && list && list.length > 0) setPopulation(list[list.length - 1]!.name);
  }, [list, population]);
  useEffect(() => () => clearTimeout(poll.current), []);

  const takeUpValid = Object.values(takeUp).every(validTakeUp);
  const running = job?.status === 'running';

  function follow(id: string) {
    poll.current = setTimeout(() => {
      apiFetch<JobView>(`/simulations/jobs/${encodeURIComponent(id)}`).then((next) => {
        setJob(next);
        if (next.status === 'running') follow(id);
      }, (e: unknown) => setError((e as Error).message));
    }, POLL_MS);
  }

  async function start() {
    if (!population) return;
    setError(undefined);
    const body = {
      population,
      takeUp: Object.fromEntries(Object.entries(takeUp).filter(([, v]) => v !== 100)),
      ...(Object.values(reform).some((v) => v !== null) ? { reform: Object.fromEntries(Object.entries(reform).filter(([, v]) => v !== null)) } : {}),
    };
    try {
      const started = await apiFetch<JobView>('/simulations/jobs', { method: 'POST', body });
      setJob(started);
      follow(started.id);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function cancel() {
    if (!job) return;
    clearTimeout(poll.current);
    try {
      setJob(await apiFetch<JobView>(`/simulations/jobs/${encodeURIComponent(job.id)}`, { method: 'DELETE' }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const percent = job && job.progress.total > 0 ? Math.floor((job.progress.done * 100) / job.progress.total) : 0;
  return (
    <>
      <PageTitle testId="sim-title">{st('title')}</PageTitle>
      <p className="page-subtitle">{st('intro')}</p>
      <Card size="small" title={st('population')} style={{ marginBottom: 16 }}>
        <Loaded state={populations}>{({ populations: ps }) => (
          <PopulationPicker populations={ps} value={population} onChange={setPopulation} mayGenerate={me.role === 'policy'}
            onGenerated={(p) => { setPopulation(p.name); populations.reload(); }} />
        )}</Loaded>
      </Card>
      <Card size="small" title={st('takeUp')} style={{ marginBottom: 16 }}>
        <p className="muted">{st('takeUp.help')}</p>
        {!takeUpValid && <Alert type="error" showIcon title={st('takeUp.invalid')} data-testid="sim-takeup-invalid" style={{ marginBottom: 8 }} />}
        <Loaded state={provisions}>{(ps) => <TakeUpTable provisions={ps} takeUp={takeUp} onChange={(id, v) => setTakeUp((t) => ({ ...t, [id]: v }))} />}</Loaded>
      </Card>
      <Card size="small" title={st('reform')} style={{ marginBottom: 16 }}>
        <p className="muted">{st('reform.help')}</p>
        <Loaded state={parameters}>{({ parameters: ps }) => <ReformTable parameters={ps} reform={reform} onChange={(id, v) => setReform((r) => ({ ...r, [id]: v }))} />}</Loaded>
      </Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => void start()} disabled={!population || !takeUpValid || running} data-testid="sim-run">{st('run')}</Button>
        {running && <Button danger onClick={() => void cancel()} data-testid="sim-cancel">{st('cancel')}</Button>}
        {job?.status === 'done' && (
          <a href={downloadUrl(`/simulations/jobs/${encodeURIComponent(job.id)}/xlsx`)} download data-testid="sim-xlsx"><Button>{st('xlsx')}</Button></a>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} data-testid="sim-error" style={{ marginBottom: 16 }} />}
      {job && (
        <div data-testid="sim-job" data-status={job.status} data-percent={job.status === 'done' ? 100 : percent} style={{ marginBottom: 16 }}>
          <Progress percent={job.status === 'done' ? 100 : percent} status={job.status === 'failed' || job.status === 'cancelled' ? 'exception' : job.status === 'done' ? 'success' : 'active'} data-testid="sim-progress" />
          <div className="muted" data-testid="sim-job-status">
            {running ? st('running', { done: job.progress.done, total: job.progress.total })
              : job.status === 'failed' ? st('status.failed', { error: job.error ?? '' }) : st(job.status === 'done' ? 'status.done' : 'status.cancelled')}
          </div>
        </div>
      )}
      {job?.status === 'done' && job.report && (
        <>
          <h2 className="section-title">{st('results')}</h2>
          <SimulationResults report={job.report} />
        </>
      )}
    </>
  );
}

export function SimulationPage() {
  return <RequireRole roles={['policy', 'finance']}>{(me) => <Simulation me={me} />}</RequireRole>;
}
