import { token } from '@atlaskit/tokens';
import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * An accessible tab list (WAI-ARIA tabs pattern): arrow keys move between tabs, Tab moves into the
 * panel. The panel itself is rendered by the caller with `tabPanelProps`.
 */
export function Tabs<K extends string>({ id, label, tabs, selected, onSelect }: { id: string; label: string; tabs: ReadonlyArray<TabItem<K>>; selected: K; onSelect: (key: K) => void }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + tabs.length) % tabs.length;
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.key);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} style={{ display: 'flex', gap: 4, borderBottom: `2px solid ${token('color.border')}` }}>
      {tabs.map((t, i) => {
        const active = t.key === selected;
        return (
          <button
            key={t.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`${id}-tab-${t.key}`}
            aria-selected={active}
            aria-controls={`${id}-panel-${t.key}`}
            tabIndex={active ? 0 : -1}
            onClick={() => onSelect(t.key)}
            onKeyDown={(e) => onKeyDown(e, i)}
            data-testid={`tab-${t.key}`}
            style={{
              font: token('font.body'),
              fontWeight: 600,
              padding: '8px 12px',
              marginBottom: -2,
              background: 'transparent',
              cursor: 'pointer',
              border: 'none',
              borderBottom: `2px solid ${active ? token('color.border.selected') : 'transparent'}`,
              color: active ? token('color.text.selected') : token('color.text.subtle'),
            }}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}

export function tabPanelProps(id: string, key: string) {
  return { role: 'tabpanel', id: `${id}-panel-${key}`, 'aria-labelledby': `${id}-tab-${key}`, tabIndex: 0 } as const;
}
