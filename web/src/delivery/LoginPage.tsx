// Sign in: username and password, then the TOTP step when the account owes a second factor; then on to
// the page the user came for, or the role's home.
import { useEffect } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../components/Status.tsx';
import { HOME_BY_ROLE } from './common.tsx';
import { useDt } from './messages.ts';
import { apiFetch, useAction, useSession } from './session.tsx';
import type { AuthAnswer } from './types.ts';

export function LoginPage() {
  const dt = useDt();
  const { me, pendingSecondFactor, accept } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { run, pending } = useAction();
  useDocumentTitle(dt('login.title'));

  useEffect(() => {
    if (!me) return;
    const next = params.get('next');
    // Only paths of this app: never an address elsewhere.
    void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : HOME_BY_ROLE[me.role], { replace: true });
  }, [me, params, navigate]);

  async function login(values: { username: string; password: string }) {
    const answer = await run(() => apiFetch<AuthAnswer>('/auth/login', { body: values }));
    if (answer) accept(answer);
  }

  async function totp(values: { code: string }) {
    const answer = await run(() => apiFetch<AuthAnswer>('/auth/totp', { body: { code: values.code.trim() } }));
    if (answer) accept({ ...answer, second_factor_required: false });
  }

  return (
    <div className="login-page" data-testid="login-page">
      <Card title={dt('login.title')} className="login-card">
        {pendingSecondFactor ? (
          <Form layout="vertical" onFinish={totp} data-testid="totp-form">
            <p>{pendingSecondFactor.display_name}（{pendingSecondFactor.username}）</p>
            <Alert type="info" showIcon title={dt('login.totpHint')} style={{ marginBottom: 16 }} />
            <Form.Item name="code" label={dt('login.totp')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/ }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={8} autoFocus data-testid="login-totp" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={pending} data-testid="login-totp-submit">{dt('login.totpSubmit')}</Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={login} data-testid="login-form">
            <Form.Item name="username" label={dt('login.username')} rules={[{ required: true }]}>
              <Input autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={dt('login.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={pending} data-testid="login-submit">{dt('login.submit')}</Button>
          </Form>
        )}
        <p className="muted" style={{ marginTop: 16 }} data-testid="login-demo">{dt('login.demo')}</p>
      </Card>
    </div>
  );
}
