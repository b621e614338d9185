import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { UserOption } from '../../../../src/contract';
import { searchUsers } from '../../api/registry';
import { FieldLabel, inputStyle } from '../../components/fields';
import { useDebounced } from '../../hooks/use-debounced';
import { toError } from '../../hooks/use-scan-status';

/**
 * A person picker (ARIA combobox): type a name, choose from Jira's people with the arrow keys and
 * Enter, or clear the choice. Searches through the users/search resolver.
 */
export function UserPicker({ label, value, onChange, testId, error }: { label: string; value: UserOption | null; onChange: (user: UserOption | null) => void; testId: string; error?: string | null }) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<UserOption[]>([]);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<string>('');
  const query = useDebounced(text.trim(), 200);

  useEffect(() => {
    if (!query) {
      setOptions([]);
      setStatus('');
      return;
    }
    let live = true;
    setStatus('Searching…');
    searchUsers(query).then(
      (users) => {
        if (!live) return;
        setOptions(users);
        setActive(0);
        setStatus(users.length ? `${users.length} ${users.length === 1 ? 'person' : 'people'} found` : 'Nobody found: try another name');
      },
      (e: unknown) => live && setStatus(toError(e).message),
    );
    return () => {
      live = false;
    };
  }, [query]);

  const choose = (user: UserOption) => {
    onChange(user);
    setText('');
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  const showList = open && query.length > 0 && options.length > 0;
  return (
    <div style={{ position: 'relative', minWidth: 0 }} data-testid={testId}>
      <Stack space="space.050">
        <FieldLabel htmlFor={id}>{label}</FieldLabel>
        {value ? (
          <Inline space="space.100" alignBlock="center">
            <span style={{ ...inputStyle, display: 'flex', alignItems: 'center', flex: 1, background: token('color.background.neutral.subtle') }} data-testid={`${testId}-value`}>
              <Avatar size="xsmall" name={value.displayName} src={value.avatarUrl ?? undefined} />
              <span style={{ marginLeft: 6 }}>
                {value.displayName}
                {!value.active ? ' (deactivated)' : ''}
                {value.email ? <Text size="small" color="color.text.subtle"> · {value.email}</Text> : null}
              </span>
            </span>
            <Button onClick={() => onChange(null)} testId={`${testId}-clear`} aria-label={`Clear ${label}`}>
              Change
            </Button>
          </Inline>
        ) : (
          <input
            id={id}
            role="combobox"
            aria-expanded={showList}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={showList ? `${id}-opt-${active}` : undefined}
            placeholder="Type a name"
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            style={{ ...inputStyle, ...(error ? { borderColor: token('color.border.danger') } : {}) }}
          />
        )}
        {error ? (
          <span id={`${id}-error`} role="alert" style={{ font: token('font.body.small'), color: token('color.text.danger') }} data-testid={`${testId}-error`}>
            {error}
          </span>
        ) : null}
        {!value && status ? (
          <span aria-live="polite">
            <Text size="small" color="color.text.subtle">
              {status}
            </Text>
          </span>
        ) : null}
      </Stack>
      {showList ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} suggestions`}
          style={{
            position: 'absolute',
            zIndex: 10,
            left: 0,
            right: 0,
            margin: 0,
            padding: 4,
            listStyle: 'none',
            maxHeight: 240,
            overflowY: 'auto',
            background: token('elevation.surface.overlay'),
            boxShadow: token('elevation.shadow.overlay'),
            borderRadius: 4,
          }}
        >
          {options.map((u, i) => (
            <li
              key={u.accountId}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(u);
              }}
              onMouseEnter={() => setActive(i)}
              style={{
                padding: '6px 8px',
                borderRadius: 3,
                cursor: 'pointer',
                color: token('color.text'),
                background: i === active ? token('color.background.selected') : 'transparent',
              }}
            >
              <span style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Avatar size="small" name={u.displayName} src={u.avatarUrl ?? undefined} testId="picker-avatar" />
                <span>
                  {u.displayName}
                  <br />
                  <span style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>{u.email ?? 'email hidden'}</span>
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
