import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useId, type ChangeEvent } from 'react';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** Atlaskit Select with a visible label, for one value among a few (filters, settings). */
export function SelectField<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
  isDisabled,
  placeholder,
}: {
  label: string;
  value: V | '';
  options: ReadonlyArray<Choice<V | ''>>;
  onChange: (value: V | '') => void;
  testId: string;
  isDisabled?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div data-testid={testId} style={{ minWidth: 0 }}>
      <Stack space="space.050">
        <Label htmlFor={id}>{label}</Label>
        <Select<Choice<V | ''>>
          inputId={id}
          options={options as Array<Choice<V | ''>>}
          value={options.find((o) => o.value === value) ?? null}
          onChange={(o) => onChange(o?.value ?? '')}
          isDisabled={isDisabled}
          placeholder={placeholder}
          menuPortalTarget={typeof document === 'undefined' ? undefined : document.body}
          styles={{ menuPortal: (base) => ({ ...base, zIndex: 600 }) }}
        />
      </Stack>
    </div>
  );
}

/** Atlaskit Textfield with a visible label, for filters (forms use @atlaskit/form's Field). */
export function TextFilter({ label, value, onChange, placeholder, testId, type, isInvalid, message }: { label: string; value: string; onChange: (value: string) => void; placeholder?: string; testId: string; type?: string; isInvalid?: boolean; message?: string | null }) {
  const id = useId();
  return (
    <div style={{ minWidth: 0 }}>
      <Stack space="space.050">
        <Label htmlFor={id}>{label}</Label>
        <Textfield
          id={id}
          type={type}
          value={value}
          placeholder={placeholder}
          isInvalid={isInvalid}
          aria-describedby={message ? `${id}-message` : undefined}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
          testId={testId}
        />
        {message ? (
          <span id={`${id}-message`} role="alert" style={{ font: token('font.body.small'), color: token('color.text.danger') }}>
            {message}
          </span>
        ) : null}
      </Stack>
    </div>
  );
}
