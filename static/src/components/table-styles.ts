import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';

/** A data table's body cell: a thin rule below, text top-left in the theme's text colour. */
export function tableCell(padding: string = '6px 8px'): CSSProperties {
  return { padding, borderBottom: `1px solid ${token('color.border')}`, textAlign: 'left', verticalAlign: 'top', color: token('color.text') };
}

/** A data table's header cell: small, subtle, bold, over a body cell of the same padding. */
export function tableHeadCell(padding?: string, rule: '1px' | '2px' = '2px'): CSSProperties {
  return { ...tableCell(padding), borderBottom: `${rule} solid ${token('color.border')}`, color: token('color.text.subtle'), font: token('font.body.small'), fontWeight: 600 };
}
