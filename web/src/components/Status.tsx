// Loading, error and not-found states shared by the pages, and the document title.
import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Skeleton } from 'antd';
import type { ApiError, ApiState } from '../api.ts';
import { useI18n } from '../i18n.ts';

export function useDocumentTitle(title: string | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : `${t('app.name')} · ${t('nav.home')}`;
  }, [title, t]);
}

export function ErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="api-error"
      title={t('common.error')}
      description={error.message}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ margin: '16px 0' }}
    />
  );
}

/** Renders the children once the data is there, a skeleton while loading and the API's message on error. */
export function Loaded<T>({ state, children, rows = 6 }: { state: ApiState<T>; children: (data: T) => ReactNode; rows?: number }) {
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Skeleton active paragraph={{ rows }} style={{ padding: '16px 0' }} />;
  return <>{children(state.data)}</>;
}
