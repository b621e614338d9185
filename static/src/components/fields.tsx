import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useId, type CSSProperties, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

/**
 * Light form controls: native inputs styled with design tokens (no extra Atlaskit packages in the
 * bundle), each with a visible label tied to it, and the browser's own focus ring kept.
 */
export const inputStyle: CSSProperties = {
  boxSizing: 'border-box',
  width: '100%',
  minHeight: 40,
  padding: '6px 8px',
  font: 'inherit',
  color: token('color.text'),
  background: token('color.background.input'),
  border: `1px solid ${token('color.border.input')}`,
  borderRadius: 3,
};

const labelStyle: CSSProperties = { font: token('font.body.small'), fontWeight: 600, color: token('color.text.subtle') };

export function FieldLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} style={labelStyle}>
      {children}
    </label>
  );
}

type WithLabel = { label: string; hint?: string; error?: string | null; width?: number | string };

function Field({ id, label, hint, error, width, children }: WithLabel & { id: string; children: ReactNode }) {
  return (
    <div style={{ width: width ?? '100%', minWidth: 0 }}>
      <Stack space="space.050">
        <FieldLabel htmlFor={id}>{label}</FieldLabel>
        {children}
        {hint && !error ? (
          <span id={`${id}-hint`} style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span id={`${id}-error`} role="alert" style={{ font: token('font.body.small'), color: token('color.text.danger') }}>
            {error}
          </span>
        ) : null}
      </Stack>
    </div>
  );
}

const describedBy = (id: string, hint?: string, error?: string | null) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export function TextInput({ label, hint, error, width, ...rest }: WithLabel & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error} width={width}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} style={{ ...inputStyle, ...(error ? { borderColor: token('color.border.danger') } : {}) }} {...rest} />
    </Field>
  );
}

export function TextArea({ label, hint, error, width, ...rest }: WithLabel & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={error} width={width}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} style={{ ...inputStyle, minHeight: 72, resize: 'vertical' }} {...rest} />
    </Field>
  );
}
