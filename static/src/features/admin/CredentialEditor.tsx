import Button from '@atlaskit/button/new';
import Form, { ErrorMessage, Field, HelperMessage } from '@atlaskit/form';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { showFlag } from '@forge/bridge';
import { useState } from 'react';
import type { CredentialInput, CredentialKind, CredentialView, UserOption } from '../../../../src/contract';
import { saveCredential } from '../../api/registry';
import { submitErrors } from '../../components/form-errors';
import { CREDENTIAL_KIND_LABELS } from './labels';
import { UserPicker } from './UserPicker';
import { InlineError } from '../../components/InlineError';

interface Values {
  kind: { label: string; value: CredentialKind };
  label: string;
  scopes: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string;
}

const KIND_OPTIONS = (Object.keys(CREDENTIAL_KIND_LABELS) as CredentialKind[]).map((k) => ({ label: CREDENTIAL_KIND_LABELS[k], value: k }));
const dateOrNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** Credential input for credentials/save from an existing credential (keeps what the form does not edit). */
export function inputOf(c: CredentialView): CredentialInput {
  return { kind: c.kind, label: c.label, scopes: c.scopes, createdAt: c.createdAt, expiresAt: c.expiresAt, lastUsedAt: c.lastUsedAt, ownerAccountId: c.ownerAccountId, retiredAt: c.retiredAt ?? null };
}

/**
 * Adds or edits one credential of an identity in a modal (Atlaskit Form: every field's problem at
 * once, the server's too). Metadata only: there is no field for a secret value.
 */
export function CredentialEditor({
  accountId,
  baseVersion,
  credential,
  people,
  onClose,
  onSaved,
}: {
  accountId: string;
  baseVersion: number;
  /** Null adds a new one. */
  credential: CredentialView | null;
  people: readonly UserOption[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [general, setGeneral] = useState<string | null>(null);
  const initialOwner = credential?.ownerAccountId ? (people.find((p) => p.accountId === credential.ownerAccountId) ?? { accountId: credential.ownerAccountId, displayName: 'Someone (name unavailable)', active: true }) : null;
  const [owner, setOwner] = useState<UserOption | null>(initialOwner);
  const title = credential ? `Edit “${credential.label}”` : 'Add a credential';
  return (
    <ModalTransition>
      <ModalDialog onClose={onClose} width="medium" testId="credential-editor" label={title}>
        <Form<Values>
          onSubmit={async (v) => {
            setGeneral(null);
            const input: CredentialInput = {
              kind: v.kind.value,
              label: v.label.trim(),
              scopes: v.scopes.split(/[\s,]+/).filter(Boolean),
              createdAt: dateOrNull(v.createdAt),
              expiresAt: dateOrNull(v.expiresAt),
              lastUsedAt: dateOrNull(v.lastUsedAt),
              ownerAccountId: owner?.accountId ?? null,
              ...(credential ? { retiredAt: credential.retiredAt ?? null } : {}),
            };
            try {
              await saveCredential(accountId, baseVersion, input, credential?.id);
              void showFlag({ id: `credential-${Date.now()}`, title: credential ? 'Credential saved' : 'Credential added', description: input.label, type: 'success', isAutoDismiss: true });
              onSaved();
              return undefined;
            } catch (e) {
              const errors = submitErrors(e);
              setGeneral(errors[''] ?? errors.ownerAccountId ?? null);
              return errors;
            }
          }}
        >
          {({ formProps, submitting }) => (
            <form {...formProps} data-testid="credential-form">
              <ModalHeader hasCloseButton>
                <ModalTitle>{title}</ModalTitle>
              </ModalHeader>
              <ModalBody>
                <Stack space="space.150">
                  <Text as="p" color="color.text.subtle">
                    What it is and when it expires. Never its secret value: the app refuses anything that looks like one.
                  </Text>
                  <Field<Values['kind']> name="kind" label="Kind" isRequired defaultValue={KIND_OPTIONS.find((o) => o.value === (credential?.kind ?? 'api-token'))}>
                    {({ fieldProps, error }) => (
                      <>
                        <Select inputId={fieldProps.id} options={KIND_OPTIONS} value={fieldProps.value} onChange={(o) => o && fieldProps.onChange(o)} onBlur={fieldProps.onBlur} onFocus={fieldProps.onFocus} />
                        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
                      </>
                    )}
                  </Field>
                  <Field name="label" label="Label" isRequired defaultValue={credential?.label ?? ''} validate={(v?: string) => (!v || v.trim() === '' ? 'Label: give it a name people recognise, like “Nightly export token”' : undefined)}>
                    {({ fieldProps, error }) => (
                      <>
                        <Textfield {...fieldProps} testId="credential-label" />
                        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
                      </>
                    )}
                  </Field>
                  <Field name="scopes" label="Scopes" defaultValue={credential?.scopes.join(' ') ?? ''}>
                    {({ fieldProps, error }) => (
                      <>
                        <Textfield {...fieldProps} placeholder="read:jira-work write:jira-work" testId="credential-scopes" />
                        {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>Separated by spaces.</HelperMessage>}
                      </>
                    )}
                  </Field>
                  <Field name="createdAt" label="Created" defaultValue={credential?.createdAt ?? ''}>
                    {({ fieldProps, error }) => (
                      <>
                        <Textfield {...fieldProps} type="date" testId="credential-created" />
                        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
                      </>
                    )}
                  </Field>
                  <Field
                    name="expiresAt"
                    label="Expires"
                    defaultValue={credential?.expiresAt ?? ''}
                    validate={(v: string | undefined, all: object) => {
                      const created = (all as Partial<Values>).createdAt;
                      return v && created && v < created ? 'Expires: must not be before the created date' : undefined;
                    }}
                  >
                    {({ fieldProps, error }) => (
                      <>
                        <Textfield {...fieldProps} type="date" testId="credential-expires" />
                        {error ? <ErrorMessage>{error}</ErrorMessage> : <HelperMessage>Leave empty when it does not expire.</HelperMessage>}
                      </>
                    )}
                  </Field>
                  <Field name="lastUsedAt" label="Last used" defaultValue={credential?.lastUsedAt ?? ''}>
                    {({ fieldProps, error }) => (
                      <>
                        <Textfield {...fieldProps} type="date" testId="credential-last-used" />
                        {error ? <ErrorMessage>{error}</ErrorMessage> : null}
                      </>
                    )}
                  </Field>
                  <UserPicker label="Answers for it (when not the identity's owner)" value={owner} onChange={setOwner} testId="credential-owner" />
                  {general ? (
                    <InlineError title="Not saved" message={general} testId="credential-error" />
                  ) : null}
                </Stack>
              </ModalBody>
              <ModalFooter>
                <Button onClick={onClose}>Cancel</Button>
                <Button type="submit" appearance="primary" isLoading={submitting} testId="credential-save">
                  {credential ? 'Save' : 'Add'}
                </Button>
              </ModalFooter>
            </form>
          )}
        </Form>
      </ModalDialog>
    </ModalTransition>
  );
}
