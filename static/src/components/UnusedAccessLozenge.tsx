import Lozenge from '@atlaskit/lozenge';

/** "Unused access": access that did nothing in the scan window. One colour on every page (a warning, not a failure). */
export function UnusedAccessLozenge() {
  return (
    <Lozenge appearance="moved" testId="unused-access">
      Unused access
    </Lozenge>
  );
}
