import Button from '@atlaskit/button/new';
import Form, { ErrorMessage, Field, FormFooter, HelperMessage } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { showFlag } from '@forge/bridge';
import { useEffect, useState, type ReactNode } from 'react';
import type { AdminSyncSettings, ReminderSettings, ScanSettings } from '../../../../../src/contract';
import { getAdminSync, getProjectIssueTypes, getReminderSettings, getScanSettings, runAdminSync, saveAdminSync, saveReminderSettings, saveScanSettings } from '../../../api/registry';
import { useNavigate, useQuery } from '../../../app/router';
import { ErrorState } from '../../../components/ErrorState';
import { submitErrors } from '../../../components/form-errors';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/Skeleton';
import { Tabs, tabPanelProps } from '../../../components/Tabs';
import { useAsync } from '../../../hooks/use-async';
import { useAdmin } from '../admin-context';
import { formatTime } from '../labels';
import { InlineError } from '../../../components/InlineError';

type SettingsTab = 'scan' | 'reminders' | 'sync';
const TABS = [
  { key: 'scan' as const, label: 'Scan' },
  { key: 'reminders' as const, label: 'Reminders' },
  { key: 'sync' as const, label: 'Atlassian Administration sync' },
];

const saved = (title: string) => void showFlag({ id: `saved-${Date.now()}`, title, type: 'success', isAutoDismiss: true });

/** `/settings?tab=scan|reminders|sync`: how the scan runs, where reminders go, and the optional admin sync. */
export default function SettingsView() {
  const query = useQuery();
  const navigate = useNavigate();
  const raw = query.get('tab');
  const tab: SettingsTab = raw === 'reminders' || raw === 'sync' ? raw : 'scan';
  return (
    <Stack space="space.300">
      <PageHeader crumbs={[{ label: 'Integration Registry', to: '/' }, { label: 'Settings' }]} title="Settings" description="How scans run, where expiry reminders go, and whether Atlassian Administration's token list fills the registry." />
      <Tabs id="settings" label="Settings" tabs={TABS} selected={tab} onSelect={(t) => navigate(t === 'scan' ? '/settings' : `/settings?tab=${t}`)} />
      <div {...tabPanelProps('settings', tab)} style={{ outline: 'none', maxWidth: 640 }}>
        {tab === 'scan' ? <ScanSettingsForm /> : tab === 'reminders' ? <RemindersForm /> : <AdminSyncForm />}
      </div>
    </Stack>
  );
}

function Loaded<T>({ load, loadKey, children }: { load: () => Promise<T>; loadKey: string; children: (data: T) => ReactNode }) {
  const state = useAsync(load, loadKey);
  if (state.status === 'loading') return <Skeleton lines={4} height={36} label="Loading settings" />;
  if (state.status === 'failed') return <ErrorState title="Could not load the settings" error={state.error} />;
  return <>{children(state.data)}</>;
}

const wholeNumber = (label: string, min: number, max: number) => (value: string | undefined) => {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n)) return `${label}: enter a whole number`;
  if (n < min || n > max) return `${label}: must be between ${min.toLocaleString()} and ${max.toLocaleString()}`;
  return undefined;
};

function GeneralError({ message }: { message: string | null }) {
  return message ? (
    <InlineError title="Not saved" message={message} testId="form-error" />
  ) : null;
}

/** The end of each settings form: the server's refusal, if any, then the one primary Save (and any secondary action). */
function SaveFooter({ general, submitting, testId, children }: { general: string | null; submitting: boolean; testId: string; children?: ReactNode }) {
  return (
    <>
      <GeneralError message={general} />
      <FormFooter align="start">
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={submitting} testId={testId}>
            Save
          </Button>
          {children}
        </Inline>
      </FormFooter>
    </>
  );
}

function ScanSettingsForm() {
  const { scan } = useAdmin();
  const [general, setGeneral] = useState<string | null>(null);
  return (
    <Loaded load={getScanSettings} loadKey="scan-settings">
      {(s: ScanSettings) => (
        <Form<{ windowDays: string; pointsBudgetPerHour: string }>
          onSubmit={async (v) => {
            setGeneral(null);
            try {
              await saveScanSettings({ windowDays: Number(v.windowDays), pointsBudgetPerHour: Number(v.pointsBudgetPerHour) });
              saved('Scan settings saved');
              return undefined;
            } catch (e) {
              const errors = submitErrors(e);
              setGeneral(errors[''] ?? null);
              return errors;
            }
          }}
        >
          {({ formProps, submitting }) => (
            <form {...formProps} data-testid="scan-settings-form">
              <Stack space="space.200">
                <Field name="windowDays" label="Scan window (days)" isRequired defaultValue={String(s.windowDays)} validate={wholeNumber('Scan window', 1, 365)}>
                  {({ fieldProps, error }) => (
                    <>
                      <Textfield {...fieldProps} type="number" testId="settings-window" />
                      {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>Activity older than this is not counted. The next scan uses it.</HelperMessage>}
                    </>
                  )}
                </Field>
                <Field name="pointsBudgetPerHour" label="Jira points per hour" isRequired defaultValue={String(s.pointsBudgetPerHour)} validate={wholeNumber('Jira points per hour', 100, 1_000_000)}>
                  {({ fieldProps, error }) => (
                    <>
                      <Textfield {...fieldProps} type="number" testId="settings-budget" />
                      {error ? (
                        <ErrorMessage>{error}</ErrorMessage>
                      ) : (
                        <HelperMessage>The most of Jira&apos;s hourly request budget a scan spends; when used up it pauses until the next hour. Leave room for other apps.</HelperMessage>
                      )}
                    </>
                  )}
                </Field>
                <SaveFooter general={general} submitting={submitting} testId="settings-save">
                  <Button onClick={() => void scan.start()} isDisabled={scan.status?.state === 'running' || scan.status?.state === 'paused'} testId="settings-scan-now">
                    Scan now
                  </Button>
                </SaveFooter>
              </Stack>
            </form>
          )}
        </Form>
      )}
    </Loaded>
  );
}

interface ReminderValues {
  projectKey: string;
  issueTypeId: { label: string; value: string } | null;
  thresholds: string;
  adminGroup: string;
  staleDays: string;
}

/** Thresholds typed as "30, 7, 1". */
const parseThresholds = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

function RemindersForm() {
  const [general, setGeneral] = useState<string | null>(null);
  return (
    <Loaded load={getReminderSettings} loadKey="reminders">
      {(r: ReminderSettings) => (
        <Form<ReminderValues>
          onSubmit={async (v) => {
            setGeneral(null);
            try {
              await saveReminderSettings({
                projectKey: v.projectKey.trim() === '' ? null : v.projectKey.trim().toUpperCase(),
                issueTypeId: v.projectKey.trim() === '' ? null : (v.issueTypeId?.value ?? null),
                thresholds: parseThresholds(v.thresholds),
                recipients: { ...r.recipients, adminGroup: v.adminGroup.trim() === '' ? null : v.adminGroup.trim() },
                staleDays: Number(v.staleDays),
              });
              saved('Reminder settings saved');
              return undefined;
            } catch (e) {
              const errors = submitErrors(e);
              setGeneral(errors[''] ?? null);
              return errors;
            }
          }}
        >
          {({ formProps, submitting, getValues }) => (
            <form {...formProps} data-testid="reminders-form">
              <Stack space="space.200">
                <Field name="projectKey" label="Project for reminder work items" defaultValue={r.projectKey ?? ''} validate={(v?: string) => (v && !/^[A-Za-z][A-Za-z0-9_]*$/.test(v.trim()) ? 'Project: use a project key, like OPS' : undefined)}>
                  {({ fieldProps, error }) => (
                    <>
                      <Textfield {...fieldProps} placeholder="e.g. OPS" testId="reminders-project" />
                      {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>Leave empty to turn reminders off.</HelperMessage>}
                    </>
                  )}
                </Field>
                <Field<ReminderValues['issueTypeId']> name="issueTypeId" label="Issue type" defaultValue={r.issueTypeId ? { label: 'Current type', value: r.issueTypeId } : null}>
                  {({ fieldProps, error }) => (
                    <>
                      <IssueTypeSelect projectKey={(getValues().projectKey ?? r.projectKey ?? '').trim().toUpperCase()} fieldProps={fieldProps} />
                      {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>One of that project&apos;s issue types.</HelperMessage>}
                    </>
                  )}
                </Field>
                <Field name="thresholds" label="Remind this many days before expiry" defaultValue={r.thresholds.join(', ')} validate={(v?: string) => (parseThresholds(v ?? '').some((n) => !Number.isInteger(n) || n < 0 || n > 365) ? 'Thresholds: whole numbers of days from 0 to 365, like 30, 7, 1' : undefined)}>
                  {({ fieldProps, error }) => (
                    <>
                      <Textfield {...fieldProps} testId="reminders-thresholds" />
                      {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>Up to five, separated by commas.</HelperMessage>}
                    </>
                  )}
                </Field>
                <Field name="adminGroup" label="Also notify this Jira group" defaultValue={r.recipients.adminGroup ?? ''}>
                  {({ fieldProps, error }) => (
                    <>
                      <Textfield {...fieldProps} placeholder="e.g. jira-administrators" testId="reminders-group" />
                      {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>The owner and the backup are notified too.</HelperMessage>}
                    </>
                  )}
                </Field>
                <Field name="staleDays" label="A credential is stale after (days unused)" defaultValue={String(r.staleDays)} validate={wholeNumber('Stale after', 1, 3650)}>
                  {({ fieldProps, error }) => (
                    <>
                      <Textfield {...fieldProps} type="number" testId="reminders-stale" />
                      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
                    </>
                  )}
                </Field>
                <SaveFooter general={general} submitting={submitting} testId="reminders-save" />
              </Stack>
            </form>
          )}
        </Form>
      )}
    </Loaded>
  );
}

/** The issue types of the project typed above, loaded when its key looks complete. */
function IssueTypeSelect({ projectKey, fieldProps }: { projectKey: string; fieldProps: { id: string; value: ReminderValues['issueTypeId']; onChange: (v: ReminderValues['issueTypeId']) => void; onBlur: () => void; onFocus: () => void } }) {
  const [options, setOptions] = useState<Array<{ label: string; value: string }>>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!/^[A-Z][A-Z0-9_]*$/.test(projectKey)) {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      getProjectIssueTypes(projectKey).then(
        (p) => {
          if (!live) return;
          const opts = p.issueTypes.filter((t) => !t.subtask).map((t) => ({ label: t.name, value: t.id }));
          setOptions(opts);
          setMessage(null);
          const current = fieldProps.value;
          if (current && !opts.some((o) => o.value === current.value)) fieldProps.onChange(null);
          else if (current) fieldProps.onChange(opts.find((o) => o.value === current.value) ?? null);
        },
        (e: unknown) => live && setMessage(e instanceof Error ? e.message : 'Could not read the project'),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // Reload when the project changes only.
  }, [projectKey]);
  return (
    <div data-testid="reminders-issue-type">
      <Select inputId={fieldProps.id} options={options} value={fieldProps.value} onChange={(o) => fieldProps.onChange(o ?? null)} onBlur={fieldProps.onBlur} onFocus={fieldProps.onFocus} placeholder={projectKey ? 'Choose an issue type' : 'Type a project key first'} isClearable />
      {message ? <ErrorMessage>{message}</ErrorMessage> : null}
    </div>
  );
}

function AdminSyncForm() {
  const [version, setVersion] = useState(0);
  const [general, setGeneral] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [current, setCurrent] = useState<AdminSyncSettings | null>(null);
  return (
    <Loaded load={getAdminSync} loadKey={`sync:${version}`}>
      {(loaded: AdminSyncSettings) => {
        const s = current ?? loaded;
        return (
          <Stack space="space.300">
            <Form<{ orgId: string; apiKey: string }>
              onSubmit={async (v) => {
                setGeneral(null);
                try {
                  const next = await saveAdminSync({ enabled: v.orgId.trim() !== '', orgId: v.orgId.trim() || null, ...(v.apiKey.trim() ? { apiKey: v.apiKey.trim() } : {}) });
                  setCurrent(next);
                  saved('Atlassian Administration sync saved');
                  return undefined;
                } catch (e) {
                  const errors = submitErrors(e);
                  setGeneral(errors[''] ?? null);
                  return errors;
                }
              }}
            >
              {({ formProps, submitting }) => (
                <form {...formProps} data-testid="sync-form">
                  <Stack space="space.200">
                    <Text as="p">
                      Optional. With your organization&apos;s id and an organization admin API key, the app reads the organization&apos;s API token list (names, expiry, last use: never the
                      tokens themselves) and records them as credentials of the identities they belong to.
                    </Text>
                    <Field name="orgId" label="Organization id" defaultValue={s.orgId ?? ''}>
                      {({ fieldProps, error }) => (
                        <>
                          <Textfield {...fieldProps} placeholder="From admin.atlassian.com/o/<id>/…" testId="sync-org" />
                          {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>Leave empty to turn the sync off.</HelperMessage>}
                        </>
                      )}
                    </Field>
                    <Field name="apiKey" label={s.hasApiKey ? 'Replace the API key' : 'API key'} defaultValue="">
                      {({ fieldProps, error }) => (
                        <>
                          <Textfield {...fieldProps} type="password" autoComplete="off" testId="sync-key" />
                          {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>{s.hasApiKey ? 'A key is stored (it is never shown). Type a new one to replace it.' : 'Stored in Forge’s secret store; never shown again.'}</HelperMessage>}
                        </>
                      )}
                    </Field>
                    <SaveFooter general={general} submitting={submitting} testId="sync-save" />
                  </Stack>
                </form>
              )}
            </Form>
            <Stack space="space.100" testId="sync-status">
              <Text weight="bold">Last run</Text>
              <Text as="p">
                {s.lastRun
                  ? `${formatTime(s.lastRun.at)}: ${s.lastRun.ok ? 'completed' : 'failed'}. ${s.lastRun.message} ${s.lastRun.tokens} tokens read, ${s.lastRun.matched} matched to identities.`
                  : 'It has not run yet.'}
              </Text>
              <Inline space="space.100">
                <Button
                  isDisabled={!s.orgId || !s.hasApiKey}
                  isLoading={running}
                  onClick={() => {
                    setRunning(true);
                    runAdminSync().then(
                      (next) => {
                        setCurrent(next);
                        setRunning(false);
                      },
                      (e: unknown) => {
                        setGeneral(submitErrors(e)[''] ?? 'The sync failed.');
                        setRunning(false);
                      },
                    );
                  }}
                  testId="sync-run"
                >
                  Run the sync now
                </Button>
                {s.hasApiKey ? (
                  <Button
                    appearance="danger"
                    onClick={() => {
                      saveAdminSync({ enabled: false, orgId: s.orgId, apiKey: null }).then(
                        (next) => {
                          setCurrent(next);
                          setVersion((x) => x + 1);
                          saved('API key removed');
                        },
                        (e: unknown) => setGeneral(submitErrors(e)[''] ?? 'Not removed.'),
                      );
                    }}
                    testId="sync-remove-key"
                  >
                    Remove the key
                  </Button>
                ) : null}
              </Inline>
            </Stack>
          </Stack>
        );
      }}
    </Loaded>
  );
}
