import { getMe } from '../api/get-me';
import { getPageContext } from '../api/get-context';
import { ErrorState } from '../components/ErrorState';
import { NoAccess } from '../components/NoAccess';
import { PageLoading } from '../components/PageLoading';
import { AdminPage } from '../features/admin/AdminPage';
import { MyPage } from '../features/my/MyPage';
import { useAsync } from '../hooks/use-async';
import { setDateSettings } from '../format/dates';
import { setSiteUrl } from '../jira/site';
import { lazy, Suspense } from 'react';
import { RouterProvider } from './router';

// The project page's own code (filter, sort select, call list) loads only on the project page.
const ProjectPage = lazy(async () => ({ default: (await import('../features/project/ProjectPage')).ProjectPage }));

async function loadPage() {
  const [context, me] = await Promise.all([getPageContext(), getMe()]);
  // Every date on every page in the user's own locale and time zone, as Jira knows them.
  setDateSettings({ locale: context.locale, timeZone: context.timeZone });
  setSiteUrl(context.siteUrl);
  return { context, me };
}

/** One Custom UI for every module: the Forge context says which page this is; the router, where in it. */
export function App() {
  const state = useAsync(loadPage, 'page');
  if (state.status === 'loading') return <PageLoading label="Loading Integration Registry" />;
  if (state.status === 'failed') {
    if (state.error.code === 'FORBIDDEN') return <NoAccess reason={state.error.message} />;
    return <ErrorState title="Integration Registry" error={state.error} />;
  }
  const { context, me } = state.data;
  // The global page is for every signed-in user: the back end answers with their own records only.
  if (context.moduleKey === 'my-integrations') return <MyPage me={me} path={window.location.pathname} />;
  if (context.moduleKey === 'admin-page') {
    if (!me.canOpenAdminPage) return <NoAccess reason="Integration Registry's admin page is for Jira administrators." />;
    return (
      <RouterProvider fallback={<PageLoading label="Loading Integration Registry" />}>
        <AdminPage me={me} />
      </RouterProvider>
    );
  }
  if (!me.project?.canOpen) {
    return <NoAccess reason="This page is for the project's lead and administrators, and for Jira administrators." />;
  }
  return (
    <RouterProvider fallback={<PageLoading label="Loading Integration Registry" />}>
      <Suspense fallback={<PageLoading label={`Loading the integrations in ${me.project.name}`} />}>
        <ProjectPage me={me} project={me.project} app={context.app} />
      </Suspense>
    </RouterProvider>
  );
}
