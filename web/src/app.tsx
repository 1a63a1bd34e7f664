import { ConfigProvider } from 'antd';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { homePath, SessionProvider, useSession } from './auth/session.js';
import { antdLocale } from './i18n/antd-locales.js';
import { Loading } from './components/loading.js';
import { AppLayout } from './layout/app-layout.js';
import { LoginPage } from './pages/login-page.js';
import { navigate, useLocation } from './router/router.js';
import { Routes } from './routes.js';

function Gate() {
  const { state } = useSession();
  const { pathname, href } = useLocation();

  useEffect(() => {
    if (state.status === 'anonymous' && pathname !== '/login') navigate(`/login?next=${encodeURIComponent(href)}`, { replace: true });
    if (state.status === 'authenticated' && pathname === '/login') navigate(homePath(state.session.user), { replace: true });
  }, [state, pathname, href]);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous' || pathname === '/login') return <LoginPage />;
  return (
    <AppLayout>
      <Suspense fallback={<Loading />}>
        <Routes />
      </Suspense>
    </AppLayout>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} theme={{ token: { colorPrimary: '#d4380d', borderRadius: 6 } }}>
      <SessionProvider>
        <Gate />
      </SessionProvider>
    </ConfigProvider>
  );
}
