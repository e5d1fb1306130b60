// The application: language, antd theme and locale, and the routes of the policy library and calculator.
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
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
            <AppShell>
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
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </AppShell>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
