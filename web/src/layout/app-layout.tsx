import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useUser } from '../auth/session.js';
import { navigate, useLocation } from '../router/router.js';
import { LangSwitch } from './lang-switch.js';
import { activeKey, navItems } from './nav-items.js';

const { Header, Content } = Layout;

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useSession();
  const { pathname } = useLocation();
  const items = navItems(user);

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          data-testid="main-menu"
          selectedKeys={[activeKey(pathname, items)]}
          style={{ flex: 1, minWidth: 0 }}
          items={items.map((i) => ({
            key: i.key,
            label: (
              <a href={i.path} data-testid={`nav-${i.key}`} onClick={(e) => { e.preventDefault(); navigate(i.path); }}>
                {t(i.labelKey)}
              </a>
            ),
          }))}
        />
        <Flex align="center" gap={12}>
          <LangSwitch />
          <span style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="current-user">
            <UserOutlined /> {user.displayName}
          </span>
          <Tag color="blue" data-testid="current-role">{t(`role.${user.role}`)}</Tag>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout().then(() => navigate('/login'))} data-testid="logout">
            {t('nav.logout')}
          </Button>
        </Flex>
      </Header>
      <Content style={{ padding: 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>{children}</Content>
    </Layout>
  );
}
