// The application: language, antd theme and locale, the session, and the routes of the policy library,
// the calculator and delivery (兑现: enterprise, reviewer, finance, office and the public notices).
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Skeleton } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { ApplicationPage } from './delivery/enterprise/ApplicationPage.tsx';
import { ApplyPage } from './delivery/enterprise/ApplyPage.tsx';
import { MyAwardsPage } from './delivery/enterprise/MyAwardsPage.tsx';
import { ProfilePage } from './delivery/enterprise/ProfilePage.tsx';
import { BatchPage } from './delivery/finance/BatchPage.tsx';
import { BudgetPage } from './delivery/finance/BudgetPage.tsx';
import { PayoutsPage } from './delivery/finance/PayoutsPage.tsx';
import { LoginPage } from './delivery/LoginPage.tsx';
import { AccountsPage, AuditLogPage, ParameterEditorPage } from './delivery/office/index.ts';
import { NoticePage } from './delivery/public/NoticePage.tsx';
import { NoticesPage } from './delivery/public/NoticesPage.tsx';
import { EntitlementPage } from './delivery/entitlements/EntitlementPage.tsx';
import { MessagesPage } from './delivery/entitlements/MessagesPage.tsx';
import { ReviewEntitlementsPage } from './delivery/entitlements/ReviewEntitlementsPage.tsx';
import { CasePage } from './delivery/review/CasePage.tsx';
import { InboxPage } from './delivery/review/InboxPage.tsx';
import { NoticesAdminPage } from './delivery/review/NoticesAdminPage.tsx';
import { SessionProvider } from './delivery/session.tsx';
import './delivery/delivery.css';
import { I18nContext, initialLang, LANG_STORAGE_KEY, makeI18n, type Lang } from './i18n.ts';
import { ArticlePage } from './pages/ArticlePage.tsx';
import { BudgetsPage } from './pages/BudgetsPage.tsx';
import { CalculatorPage } from './pages/CalculatorPage.tsx';
import { DepartmentPage } from './pages/DepartmentPage.tsx';
import { DepartmentsPage } from './pages/DepartmentsPage.tsx';
import { DomainPage } from './pages/DomainPage.tsx';
import { DomainsPage } from './pages/DomainsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProvisionsPage } from './pages/ProvisionsPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { TargetsPage } from './pages/TargetsPage.tsx';
import { THEME } from './theme.ts';

// The targets pages (目标责任) load on demand: the dashboard carries ECharts, which no other page needs.
const DashboardPage = lazy(() => import('./targets/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const ArticleProgressPage = lazy(() => import('./targets/ArticleProgressPage.tsx').then((m) => ({ default: m.ArticleProgressPage })));
const TargetDepartmentPage = lazy(() => import('./targets/DepartmentPage.tsx').then((m) => ({ default: m.DepartmentPage })));
// List import and simulation load on demand too (the simulation page carries ECharts).
const ImportsPage = lazy(() => import('./imports/ImportsPage.tsx').then((m) => ({ default: m.ImportsPage })));
const SimulationPage = lazy(() => import('./simulation/SimulationPage.tsx').then((m) => ({ default: m.SimulationPage })));
// The editions pages carry ECharts too (the what-if chart).
const EditionsPage = lazy(() => import('./editions/EditionsPage.tsx').then((m) => ({ default: m.EditionsPage })));
const EditionPage = lazy(() => import('./editions/EditionPage.tsx').then((m) => ({ default: m.EditionPage })));
const TargetPage = lazy(() => import('./targets/TargetPage.tsx').then((m) => ({ default: m.TargetPage })));

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(() => makeI18n(lang, (next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
  }), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider locale={lang === 'en-US' ? enUS : zhCN} theme={THEME}>
        <AntApp>
          <BrowserRouter>
            <SessionProvider>
            <AppShell>
              <Suspense fallback={<Skeleton active style={{ padding: 16 }} />}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/domains" element={<DomainsPage />} />
                <Route path="/domains/:number" element={<DomainPage />} />
                <Route path="/articles/:number" element={<ArticlePage />} />
                <Route path="/departments" element={<DepartmentsPage />} />
                <Route path="/departments/:id" element={<DepartmentPage />} />
                <Route path="/provisions" element={<ProvisionsPage />} />
                <Route path="/targets" element={<TargetsPage />} />
                <Route path="/budgets" element={<BudgetsPage />} />
                <Route path="/search" element={<SearchPage />} />
                <Route path="/calculator" element={<CalculatorPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/notices" element={<NoticesPage />} />
                <Route path="/notices/:id" element={<NoticePage />} />
                <Route path="/me" element={<MyAwardsPage />} />
                <Route path="/me/profile" element={<ProfilePage />} />
                <Route path="/me/apply/:provision" element={<ApplyPage />} />
                <Route path="/me/applications/:id" element={<ApplicationPage />} />
                <Route path="/me/entitlements/:id" element={<EntitlementPage />} />
                <Route path="/me/inbox" element={<MessagesPage />} />
                <Route path="/review" element={<InboxPage />} />
                <Route path="/review/notices" element={<NoticesAdminPage />} />
                <Route path="/review/entitlements" element={<ReviewEntitlementsPage />} />
                <Route path="/review/:id" element={<CasePage />} />
                <Route path="/finance" element={<BudgetPage />} />
                <Route path="/finance/payouts" element={<PayoutsPage />} />
                <Route path="/finance/payouts/:id" element={<BatchPage />} />
                <Route path="/policy-office/parameters" element={<ParameterEditorPage />} />
                <Route path="/editions" element={<EditionsPage />} />
                <Route path="/editions/:id" element={<EditionPage />} />
                <Route path="/audit" element={<AuditLogPage />} />
                <Route path="/admin/accounts" element={<AccountsPage />} />
                <Route path="/dashboard" element={<DashboardPage />} />
                <Route path="/dashboard/articles/:id" element={<ArticleProgressPage />} />
                <Route path="/department" element={<TargetDepartmentPage />} />
                <Route path="/department/targets/:id" element={<TargetPage />} />
                <Route path="/imports" element={<ImportsPage />} />
                <Route path="/simulate" element={<SimulationPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
              </Suspense>
            </AppShell>
            </SessionProvider>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
