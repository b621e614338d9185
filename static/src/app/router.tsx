import { view } from '@forge/bridge';
import { withQuery, matchPath } from './paths';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/**
 * Routing inside the Custom UI with Forge's `view.createHistory()`: the product keeps the app's
 * path in the page's URL (Jira's, or the local host's), so every view has an address and Back works.
 * Pages read the location with useLocation/useQuery and move with useNavigate or <RouteLink>.
 */

export interface AppLocation {
  pathname: string;
  /** "" or "?a=b". */
  search: string;
}

/** The part of Forge's history object (history v4/v5 shaped) that the app uses. */
interface ForgeHistory {
  location: AppLocation;
  push(to: string): void;
  replace(to: string): void;
  back(): void;
  listen(listener: (...args: unknown[]) => void): () => void;
  createHref?: (to: string) => string;
}

export interface Router {
  location: AppLocation;
  /** Goes to an app path ("/identities?kind=app-account"); `replace` keeps Back from stopping at every keystroke. */
  navigate(to: string, options?: { replace?: boolean }): void;
  back(): void;
  /** The address a link to an app path shows (for middle-click and copying). */
  href(to: string): string;
}

const RouterContext = createContext<Router | null>(null);

/** A history in memory, for places without Forge's (older hosts): routing works, the address does not change. */
function memoryHistory(): ForgeHistory {
  const entries: AppLocation[] = [{ pathname: '/', search: '' }];
  let index = 0;
  const listeners = new Set<(...args: unknown[]) => void>();
  const notify = () => listeners.forEach((l) => l(entries[index]));
  const h: ForgeHistory = {
    get location() {
      return entries[index] ?? { pathname: '/', search: '' };
    },
    push(to) {
      entries.splice(index + 1, entries.length, parse(to));
      index = entries.length - 1;
      notify();
    },
    replace(to) {
      entries[index] = parse(to);
      notify();
    },
    back() {
      if (index > 0) index--;
      notify();
    },
    listen(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return h;
}

function parse(to: string): AppLocation {
  const u = new URL(to, 'http://app');
  return { pathname: u.pathname, search: u.search };
}

/** history v4 calls listeners with (location, action); v5 with ({ location, action }). */
function locationOf(arg: unknown): AppLocation {
  const a = arg as { location?: AppLocation; pathname?: string; search?: string } | undefined;
  const loc = a && typeof a.pathname === 'string' ? a : a?.location;
  return { pathname: loc?.pathname || '/', search: loc?.search ?? '' };
}

export function RouterProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [history, setHistory] = useState<ForgeHistory | null>(null);
  const [location, setLocation] = useState<AppLocation>({ pathname: '/', search: '' });
  useEffect(() => {
    let live = true;
    let unlisten: (() => void) | undefined;
    const take = (h: ForgeHistory) => {
      if (!live) return;
      setLocation(locationOf(h.location));
      unlisten = h.listen((arg) => setLocation(locationOf(arg)));
      setHistory(h);
    };
    view.createHistory().then(
      (h) => take(h as unknown as ForgeHistory),
      () => take(memoryHistory()),
    );
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);

  const navigate = useCallback(
    (to: string, options?: { replace?: boolean }) => {
      if (!history) return;
      const current = history.location.pathname + history.location.search;
      if (to === current) return;
      if (options?.replace) history.replace(to);
      else history.push(to);
    },
    [history],
  );
  const router = useMemo<Router | null>(
    () =>
      history
        ? {
            location,
            navigate,
            back: () => history.back(),
            href: (to) => (typeof history.createHref === 'function' ? history.createHref(to) : to),
          }
        : null,
    [history, location, navigate],
  );
  if (!router) return <>{fallback}</>;
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter needs a <RouterProvider> above it');
  return router;
}

export const useLocation = () => useRouter().location;
export const useNavigate = () => useRouter().navigate;

export { matchPath, withQuery };

/** The location's query parameters. */
export function useQuery(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** A real link (href for copying and middle-click) that moves inside the app on a plain click. */
export function RouteLink({ to, children, ...rest }: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const router = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.navigate(to);
  };
  return (
    <a {...rest} href={router.href(to)} onClick={onClick}>
      {children}
    </a>
  );
}
