import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { homePath, useUser } from '../auth/session.js';
import { navigate } from '../router/router.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.pageNotFound')}
      data-testid="not-found"
      extra={<Button type="primary" onClick={() => navigate(homePath(user))}>{t('common.backHome')}</Button>}
    />
  );
}
