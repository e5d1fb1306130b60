// The search box: submits to the search page (/search?q=…).
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n.ts';

export function SearchBox({ initial = '', autoFocus = false, size = 'large' }: { initial?: string; autoFocus?: boolean; size?: 'large' | 'middle' }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const submit = () => {
    const q = value.trim();
    void navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  };
  return (
    <form className="search-box" role="search" onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <Input
        data-testid="search-input"
        size={size}
        value={value}
        autoFocus={autoFocus}
        allowClear
        placeholder={t('home.searchPlaceholder')}
        aria-label={t('nav.search')}
        onChange={(event) => setValue(event.target.value)}
      />
      <Button type="primary" size={size} htmlType="submit" data-testid="search-button">{t('home.searchButton')}</Button>
    </form>
  );
}
