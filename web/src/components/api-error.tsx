import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.js';
import { useServerText } from '../i18n/server-texts.js';

/** Shows an API error with the server's own message; 404/403 become a full "not found" result. */
export function ApiErrorView({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useServerText()('apiError', error.text, error.message);
  if (error.status === 404 || error.status === 403) {
    return (
      <Result
        status={error.status === 404 ? '404' : '403'}
        title={t(error.status === 404 ? 'error.notFoundTitle' : 'error.forbiddenTitle')}
        subTitle={message}
        data-testid="not-found"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="api-error"
      title={t('error.requestFailed', { code: error.code, status: error.status })}
      description={<span data-testid="api-error-message" data-code={error.text?.code}>{message}</span>}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
