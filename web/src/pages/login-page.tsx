import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { homePath, useSession } from '../auth/session.js';
import { LangSwitch } from '../layout/lang-switch.js';
import { navigate, useLocation } from '../router/router.js';
import { useServerText } from '../i18n/server-texts.js';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login. */
const safeNext = (next: string | null): string | null => (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null);

export function LoginPage() {
  const { t } = useTranslation();
  const st = useServerText();
  const { login, state } = useSession();
  const { params } = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Credentials): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await login(v.username, v.password);
      // A household always lands on its own home; others return where they were going.
      const next = s.user.role === 'household' ? null : safeNext(params.get('next'));
      navigate(next ?? homePath(s.user), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.badCredentials') : err instanceof ApiError ? st('apiError', err.text, err.message) : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100%', background: 'linear-gradient(160deg,#e6f4ff,#f6ffed)' }}>
      <Card style={{ width: 380 }} data-testid="login-card">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('app.title')}</Typography.Title>
          <LangSwitch />
        </Flex>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {state.status === 'anonymous' && state.expired && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
