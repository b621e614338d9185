import Breadcrumbs, { BreadcrumbsItem } from '@atlaskit/breadcrumbs';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ReactNode } from 'react';
import { useRouter } from '../app/router';

export interface Crumb {
  label: string;
  /** App path; the last crumb (the current view) has none. */
  to?: string;
}

/**
 * The header of every view as Atlassian's admin pages draw it: breadcrumbs, the heading, a line
 * that says what the view is for, and the view's actions (at most one primary) on the right.
 * (@atlaskit/page-header does not support React 19, so this composes Breadcrumbs and Heading.)
 */
export function PageHeader({ crumbs, title, description, actions, after, testId }: { crumbs: Crumb[]; title: ReactNode; description?: ReactNode; actions?: ReactNode; after?: ReactNode; testId?: string }) {
  const router = useRouter();
  return (
    <Stack space="space.100" testId={testId ?? 'page-header'}>
      <Breadcrumbs label="You are here" testId="breadcrumbs">
        {crumbs.map((c) => (
          <BreadcrumbsItem
            key={c.label}
            text={c.label}
            href={c.to !== undefined ? router.href(c.to) : undefined}
            onClick={
              c.to !== undefined
                ? (e) => {
                    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    router.navigate(c.to ?? '/');
                  }
                : undefined
            }
          />
        ))}
      </Breadcrumbs>
      <Inline space="space.200" alignBlock="start" spread="space-between" shouldWrap>
        <Stack space="space.075">
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Heading size="large" as="h1" testId="page-title">
              {title}
            </Heading>
            {after}
          </Inline>
          {description ? (
            <Text as="p" color="color.text.subtle">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions ? (
          <Inline space="space.100" alignBlock="center" shouldWrap>
            {actions}
          </Inline>
        ) : null}
      </Inline>
    </Stack>
  );
}
