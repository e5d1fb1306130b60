// The application shell: red header with the product and the document, the navigation (a menu
// button and a drawer on a phone), the signed-in user with the pages of their role, the language
// switch and the footer.
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { PolicyInfo } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useDt, type DeliveryKey } from '../delivery/messages.ts';
import { useSession } from '../delivery/session.tsx';
import type { Role } from '../delivery/types.ts';

const NAV: { path: string; key: MessageKey }[] = [
  { path: '/', key: 'nav.home' },
  { path: '/domains', key: 'nav.domains' },
  { path: '/departments', key: 'nav.departments' },
  { path: '/provisions', key: 'nav.provisions' },
  { path: '/targets', key: 'nav.targets' },
  { path: '/budgets', key: 'nav.budgets' },
  { path: '/search', key: 'nav.search' },
  { path: '/calculator', key: 'nav.calculator' },
];

/** The delivery pages of each role, after the public ones (公示 is public: everyone sees it). */
const ROLE_NAV: Record<Role, { path: string; key: DeliveryKey }[]> = {
  enterprise: [{ path: '/me', key: 'nav.me' }, { path: '/me/profile', key: 'nav.myProfile' }],
  reviewer: [{ path: '/review', key: 'nav.review' }, { path: '/review/notices', key: 'nav.reviewNotices' }, { path: '/department', key: 'nav.department' }, { path: '/imports', key: 'nav.imports' }],
  finance: [{ path: '/finance', key: 'nav.finance' }, { path: '/finance/payouts', key: 'nav.payouts' }, { path: '/imports', key: 'nav.imports' }, { path: '/simulate', key: 'nav.simulate' }],
  policy: [{ path: '/policy-office/parameters', key: 'nav.parameters' }, { path: '/editions', key: 'nav.editions' }, { path: '/finance', key: 'nav.finance' }, { path: '/simulate', key: 'nav.simulate' }],
  auditor: [{ path: '/audit', key: 'nav.audit' }, { path: '/finance', key: 'nav.finance' }, { path: '/finance/payouts', key: 'nav.payouts' }],
  admin: [{ path: '/admin/accounts', key: 'nav.accounts' }, { path: '/imports', key: 'nav.imports' }],
  leader: [{ path: '/dashboard', key: 'nav.dashboard' }],
};

/** The nav entry a path belongs to: articles belong to the domains; the longest matching prefix wins. */
function selectedNav(pathname: string, paths: string[]): string {
  if (pathname === '/') return '/';
  if (pathname.startsWith('/articles')) return '/domains';
  const matches = paths.filter((p) => p !== '/' && (pathname === p || pathname.startsWith(`${p}/`)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? '';
}

const testIdOf = (path: string) => `nav-${path === '/' ? 'home' : path.slice(1).replace(/\//g, '-')}`;

/** The signed-in user (name, role, sign out) or the sign-in link. */
function UserMenu() {
  const dt = useDt();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  if (me === undefined) return null;
  if (me === null) {
    return <Link to="/login" className="user-login" data-testid="nav-login"><Button ghost size="small">{dt('nav.login')}</Button></Link>;
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [{ key: 'logout', label: <span data-testid="logout">{dt('nav.logout')}</span> }],
        onClick: () => void logout().then(() => navigate('/login')),
      }}
    >
      <Button ghost size="small" data-testid="user-menu" data-role={me.role}>
        <span className="user-name">{me.display_name}</span><span className="user-sep"> · </span>{dt(`role.${me.role}` as DeliveryKey)}{me.department ? ` · ${me.department}` : ''}
      </Button>
    </Dropdown>
  );
}

function MenuIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <path d="M2 4h14M2 9h14M2 14h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t, lang, setLang, isEn } = useI18n();
  const dt = useDt();
  const { me } = useSession();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const info = useApi<PolicyInfo>('/');
  const nav = [
    ...NAV.map((n) => ({ path: n.path, label: t(n.key) })),
    { path: '/notices', label: dt('nav.notices') },
    ...(me ? ROLE_NAV[me.role].map((n) => ({ path: n.path, label: dt(n.key) })) : []),
  ];
  const selected = selectedNav(location.pathname, nav.map((n) => n.path));

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const items = nav.map((n) => ({ key: n.path, label: <Link to={n.path} data-testid={testIdOf(n.path)}>{n.label}</Link> }));
  const langSwitch = (
    <Button
      data-testid="lang-switch"
      className="lang-switch"
      ghost
      size="small"
      aria-label={t('lang.switchAria')}
      onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('lang.switch')}
    </Button>
  );

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Link to="/" className="brand" aria-label={t('app.name')}>
          <span className="brand-mark">直</span>
          <span className="brand-text">
            <span className="brand-name" data-testid="brand">{t('app.name')}</span>
            {info.data && (
              <span className="brand-doc" data-testid="header-doc-title">
                {isEn ? info.data.title_en : info.data.title} · {info.data.document_number}
              </span>
            )}
          </span>
        </Link>
        <div className="header-actions">
          <UserMenu />
          {langSwitch}
          {isPhone && (
            <Button className="menu-button" ghost size="small" aria-label={t('nav.menu')} data-testid="menu-button" onClick={() => setDrawerOpen(true)} icon={<MenuIcon />} />
          )}
        </div>
      </Layout.Header>
      {!isPhone && (
        <nav className="app-nav" aria-label={t('nav.menu')}>
          <div className="app-nav-inner">
            <Menu mode="horizontal" selectedKeys={[selected]} items={items} className="app-menu" />
          </div>
        </nav>
      )}
      <Drawer
        title={t('app.name')}
        placement="right"
        size={260}
        open={isPhone && drawerOpen}
        onClose={() => setDrawerOpen(false)}
        data-testid="nav-drawer"
      >
        <Menu
          mode="vertical"
          selectedKeys={[selected]}
          items={nav.map((n) => ({ key: n.path, label: n.label }))}
          onClick={({ key }) => {
            setDrawerOpen(false);
            void navigate(key);
          }}
          style={{ borderInlineEnd: 'none' }}
        />
      </Drawer>
      <Layout.Content className="app-content">
        <div className="page">{children}</div>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        <div>
          {t('app.name')} · {info.data?.document_number ?? '杭高新〔2025〕3号'} · {info.data ? info.data.issuers.join('　') : ''}
        </div>
        <div>
          <a href="/docs" target="_blank" rel="noreferrer">{t('nav.api')}</a>
          {' · '}
          {t('app.tagline')}
        </div>
      </Layout.Footer>
    </Layout>
  );
}
